-- SweetLife Fruits & Jams (tenant 2): the customers of the "export customers to BigCommerce" walkthrough.
INSERT INTO NumberingSequence (CompanyID, NumberingID, NumberingSEQ, StartNbr, EndNbr, LastNbr, NbrStep, StartDate) VALUES
  (2, 'CUSTOMER',   1, 'C000001', 'C999999', 'C000120', 1, '2020-01-01'),
  (2, 'ECCUSTOMER', 1, 'EC00001', 'EC99999', 'EC00003', 1, '2020-01-01');

INSERT INTO CustomerClass (CompanyID, CustomerClassID, Descr, NumberingID) VALUES
  (2, 'COMMERCEBB', 'Local (US) customers exported to the BigCommerce store', 'CUSTOMER'),
  (2, 'ECCUSTOMER', 'Customers imported from the BigCommerce store',            'ECCUSTOMER'),
  (2, 'DEFAULT',    'Default customer class',                                     'CUSTOMER'),
  (2, 'INTL',       'International (Canada) customers',                          'CUSTOMER');

INSERT INTO Contact (CompanyID, ContactID, FirstName, LastName, DisplayName, EMail, Phone1, LastModifiedDateTime) VALUES
  (2, 101, 'Colleen', 'Plunkett', 'Colleen Plunkett', 'colleen.plunkett@jamifique.example', '+1 646 555 0101', '2026-10-01 09:00:00.000'),
  (2, 102, 'Owen',    'Hart',     'Owen Hart',        NULL,                                  NULL,             '2026-10-01 09:00:00.000'),
  (2, 103, 'Pierre',  'Tremblay', 'Pierre Tremblay',  'pierre@mapleleaf.example',            '+1 514 555 0133', '2026-10-01 09:00:00.000');

INSERT INTO Customer (CompanyID, CustomerID, AcctName, CustomerClassID, Email, Phone1, PrimaryContactID, CountryID, Status, CreatedDateTime, LastModifiedDateTime) VALUES
  -- No primary contact name: the store gets the account name split into "Fruitico" / "Coffee and Cakes".
  (2, 'FRUITICO',   'Fruitico Coffee and Cakes', 'COMMERCEBB', 'info@fruitico.example',     '+1 212 555 0148', NULL, 'US', 'A', '2026-09-01 08:00:00.000', '2026-10-02 10:00:00.000'),
  -- Primary contact Colleen Plunkett: her name, but the account's email and phone.
  (2, 'JAMIFIQUE',  'Jamifique factory',         'COMMERCEBB', 'orders@jamifique.example',  '+1 646 555 0192', 101,  'US', 'A', '2026-09-01 08:00:00.000', '2026-10-02 10:05:00.000'),
  -- A one-word account name must still give BigCommerce a last name.
  (2, 'MARMALADO',  'Marmalado',                 'COMMERCEBB', 'hello@marmalado.example',   '+1 415 555 0177', NULL, 'US', 'A', '2026-09-02 08:00:00.000', '2026-10-02 10:10:00.000'),
  -- No email anywhere (account or contact): never sent, the store keys customers by email.
  (2, 'ORCHARDCO',  'Orchard Cooperative',       'COMMERCEBB', NULL,                        NULL,              102,  'US', 'A', '2026-09-02 08:00:00.000', '2026-10-02 10:15:00.000'),
  -- Bad input: an email the store would reject; the history must say which record and which field.
  (2, 'BERRYBAR',   'Berry Bar',                 'COMMERCEBB', 'sales at berrybar',         '+1 303 555 0110', NULL, 'US', 'A', '2026-09-03 08:00:00.000', '2026-10-02 10:20:00.000'),
  -- Other classes: excluded by the export filtering condition "Customer Class Equals COMMERCEBB".
  (2, 'ABCSTUDIOS', 'ABC Studios',               'DEFAULT',    'accounts@abcstudios.example','+1 310 555 0190', NULL, 'US', 'A', '2026-09-04 08:00:00.000', '2026-10-02 10:25:00.000'),
  (2, 'MAPLELEAF',  'Maple Leaf Grocers',        'INTL',       'buying@mapleleaf.example',  '+1 514 555 0130', 103,  'CA', 'A', '2026-09-04 08:00:00.000', '2026-10-02 10:30:00.000'),
  (2, 'EC00003',    'Web Shopper',               'ECCUSTOMER', 'shopper@mail.example',      NULL,              NULL, 'US', 'A', '2026-09-05 08:00:00.000', '2026-10-02 10:35:00.000');
