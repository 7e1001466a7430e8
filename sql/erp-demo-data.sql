-- SweetLife Fruits & Jams (tenant 2): the customers of the "export customers to BigCommerce" walkthrough.
INSERT INTO NumberingSequence (CompanyID, NumberingID, NumberingSEQ, StartNbr, EndNbr, LastNbr, NbrStep, StartDate) VALUES
  (2, 'CUSTOMER',   1, 'C000001', 'C999999', 'C000120', 1, '2020-01-01'),
  (2, 'ECCUSTOMER', 1, 'EC00001', 'EC99999', 'EC00003', 1, '2020-01-01'),
  -- Sales orders placed in the store, imported as orders of type SO.
  (2, 'SOWEB',      1, 'WEB000001', 'WEB999999', 'WEB000000', 1, '2020-01-01');

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

-- Where the customers get their goods. ORCHARDCO and MAPLELEAF are not in the store (no email / other class),
-- so their locations wait as HELD until they are.
INSERT INTO Location (CompanyID, CustomerID, LocationCD, Descr, AddressLine1, AddressLine2, City, State, PostalCode, CountryID, Phone1, IsActive, LastModifiedDateTime) VALUES
  (2, 'FRUITICO',  'MAIN',      'Fruitico Coffee and Cakes', '25 Broadway',       NULL,        'New York',      'New York',   '10004', 'US', '+1 212 555 0148', 1, '2026-10-03 09:00:00.000'),
  (2, 'JAMIFIQUE', 'MAIN',      'Jamifique head office',     '401 Park Ave S',    'Floor 2',   'New York',      'New York',   '10016', 'US', '+1 646 555 0192', 1, '2026-10-03 09:05:00.000'),
  (2, 'JAMIFIQUE', 'FACTORY',   'Jamifique factory',         '88 Industrial Way', NULL,        'Newark',        'New Jersey', '07105', 'US', NULL,              1, '2026-10-03 09:10:00.000'),
  -- No postal code: the store requires one, so the history names the field.
  (2, 'MARMALADO', 'MAIN',      'Marmalado',                 '1 Market St',       NULL,        'San Francisco', 'California', NULL,    'US', NULL,              1, '2026-10-03 09:15:00.000'),
  (2, 'ORCHARDCO', 'MAIN',      'Orchard Cooperative',       '12 Orchard Rd',     NULL,        'Hood River',    'Oregon',     '97031', 'US', NULL,              1, '2026-10-03 09:20:00.000'),
  (2, 'FRUITICO',  'OLDSHOP',   'Closed shop',               '3 Old St',          NULL,        'New York',      'New York',   '10001', 'US', NULL,              0, '2026-10-03 09:25:00.000');

-- Parents before children, as a category tree is built.
INSERT INTO INCategory (CompanyID, CategoryID, ParentID, Description, SortOrder, LastModifiedDateTime) VALUES
  (2, 10, 0,  'Jams and spreads', 1, '2026-10-01 08:00:00.000'),
  (2, 11, 10, 'Fruit jams',       1, '2026-10-01 08:05:00.000'),
  (2, 12, 10, 'Marmalades',       2, '2026-10-01 08:10:00.000'),
  (2, 20, 0,  'Coffee',           2, '2026-10-01 08:15:00.000');

INSERT INTO InventoryItem (CompanyID, InventoryCD, Descr, Body, ItemClassID, ItemStatus, StkItem, BasePrice, BaseItemWeight, LastModifiedDateTime) VALUES
  (2, 'JAM-STRAW',    'Strawberry jam 250 g', 'Made with Californian strawberries.', 'JAMS',   'AC', 1, 6.500000,  0.300000, '2026-10-02 08:00:00.000'),
  (2, 'JAM-APRICOT',  'Apricot jam 250 g',    NULL,                                  'JAMS',   'AC', 1, 6.900000,  0.300000, '2026-10-02 08:05:00.000'),
  (2, 'MARM-ORANGE',  'Orange marmalade 340 g', 'Seville oranges, thick cut.',       'JAMS',   'AC', 1, 7.250000,  0.420000, '2026-10-02 08:10:00.000'),
  (2, 'COFFEE-HOUSE', 'House blend coffee 1 kg', NULL,                               'COFFEE', 'AC', 1, 24.000000, 1.000000, '2026-10-02 08:15:00.000'),
  -- Inactive: excluded by the export filtering condition.
  (2, 'JAM-FIG',      'Fig jam (discontinued)', NULL,                                'JAMS',   'IN', 1, 8.000000,  0.300000, '2026-10-02 08:20:00.000'),
  -- No price yet: the store requires one, so the history names the field.
  (2, 'JAM-QUINCE',   'Quince jam 250 g',     NULL,                                  'JAMS',   'AC', 1, NULL,      0.300000, '2026-10-02 08:25:00.000');

INSERT INTO INItemCategory (CompanyID, InventoryCD, CategoryID) VALUES
  (2, 'JAM-STRAW', 11), (2, 'JAM-APRICOT', 11), (2, 'MARM-ORANGE', 12), (2, 'COFFEE-HOUSE', 20),
  (2, 'JAM-FIG', 11), (2, 'JAM-QUINCE', 11);

INSERT INTO SOOrder (CompanyID, OrderType, OrderNbr, CustomerID, OrderDate, Status, CustomerOrderNbr, BillFirstName, BillLastName, BillEmail, BillAddressLine1, BillCity, BillState, BillPostalCode, BillCountryID, LineCntr, CuryOrderTotal, LastModifiedDateTime) VALUES
  (2, 'SO', 'SO000101', 'FRUITICO',   '2026-10-05', 'C', 'PO-7781', 'Fruitico',  'Coffee and Cakes', 'info@fruitico.example',      '25 Broadway',    'New York',      'New York',   '10004', 'US', 2, 37.0000, '2026-10-05 10:00:00.000'),
  (2, 'SO', 'SO000102', 'JAMIFIQUE',  '2026-10-06', 'N', NULL,      'Colleen',   'Plunkett',         'orders@jamifique.example',   '401 Park Ave S', 'New York',      'New York',   '10016', 'US', 1, 36.2500, '2026-10-06 10:00:00.000'),
  -- The customer is not exported (class DEFAULT): held, with the customer's status as the reason.
  (2, 'SO', 'SO000103', 'ABCSTUDIOS', '2026-10-07', 'N', NULL,      'ABC',       'Studios',          'accounts@abcstudios.example','9 Sunset Blvd',  'Los Angeles',   'California', '90028', 'US', 1, 13.0000, '2026-10-07 10:00:00.000'),
  -- A line's product has no price, so it is not in the store: held, naming the line.
  (2, 'SO', 'SO000104', 'MARMALADO',  '2026-10-08', 'H', NULL,      'Marmalado', 'Marmalado',        'hello@marmalado.example',    '1 Market St',    'San Francisco', 'California', '94105', 'US', 2, 13.5000, '2026-10-08 10:00:00.000'),
  -- A transfer between warehouses, not a sale: excluded by the export filtering condition.
  (2, 'TR', 'TR000001', 'FRUITICO',   '2026-10-09', 'N', NULL,      NULL,        NULL,               NULL,                         NULL,             NULL,            NULL,         NULL,    'US', 1, 0.0000,  '2026-10-09 10:00:00.000');

INSERT INTO SOLine (CompanyID, OrderType, OrderNbr, LineNbr, InventoryCD, OrderQty, CuryUnitPrice) VALUES
  (2, 'SO', 'SO000101', 1, 'JAM-STRAW',    2.000000, 6.500000),
  (2, 'SO', 'SO000101', 2, 'COFFEE-HOUSE', 1.000000, 24.000000),
  (2, 'SO', 'SO000102', 1, 'MARM-ORANGE',  5.000000, 7.250000),
  (2, 'SO', 'SO000103', 1, 'JAM-APRICOT',  2.000000, 6.500000),
  (2, 'SO', 'SO000104', 1, 'JAM-QUINCE',   1.000000, 7.000000),
  (2, 'SO', 'SO000104', 2, 'JAM-STRAW',    1.000000, 6.500000),
  (2, 'TR', 'TR000001', 1, 'JAM-STRAW',    10.000000, 0.000000);

INSERT INTO SOShipment (CompanyID, ShipmentNbr, ShipmentType, ShipDate, Status, CustomerID, OrderType, OrderNbr, ShipVia, TrackingNbr, LineCntr, LastModifiedDateTime) VALUES
  (2, 'SH000201', 'I', '2026-10-10', 'C', 'FRUITICO',   'SO', 'SO000101', 'UPSGROUND', '1Z999AA10123456784', 2, '2026-10-10 15:00:00.000'),
  -- Part of the order: the store shows it partially shipped.
  (2, 'SH000202', 'I', '2026-10-11', 'C', 'JAMIFIQUE',  'SO', 'SO000102', 'FEDEX',     '7489 1234 5678',     1, '2026-10-11 15:00:00.000'),
  -- Its order is held, so the shipment waits too.
  (2, 'SH000203', 'I', '2026-10-12', 'C', 'ABCSTUDIOS', 'SO', 'SO000103', 'UPSGROUND', NULL,                 1, '2026-10-12 15:00:00.000'),
  -- Not confirmed yet: excluded by the export filtering condition.
  (2, 'SH000204', 'I', '2026-10-13', 'N', 'JAMIFIQUE',  'SO', 'SO000102', 'FEDEX',     NULL,                 1, '2026-10-13 15:00:00.000');

INSERT INTO SOShipLine (CompanyID, ShipmentNbr, LineNbr, InventoryCD, ShippedQty) VALUES
  (2, 'SH000201', 1, 'JAM-STRAW',    2.000000),
  (2, 'SH000201', 2, 'COFFEE-HOUSE', 1.000000),
  (2, 'SH000202', 1, 'MARM-ORANGE',  3.000000),
  (2, 'SH000203', 1, 'JAM-APRICOT',  2.000000),
  (2, 'SH000204', 1, 'MARM-ORANGE',  2.000000);

INSERT INTO ARInvoice (CompanyID, DocType, RefNbr, CustomerID, DocDate, DueDate, Status, CuryID, CuryOrigDocAmt, CuryDocBal, OrderType, OrderNbr, LastModifiedDateTime) VALUES
  (2, 'INV', 'INV000301', 'FRUITICO',  '2026-10-10', '2026-11-09', 'C', 'USD', 37.0000, 0.0000,  'SO', 'SO000101', '2026-10-20 09:00:00.000'),
  (2, 'INV', 'INV000302', 'JAMIFIQUE', '2026-10-11', '2026-11-10', 'N', 'USD', 21.7500, 21.7500, 'SO', 'SO000102', '2026-10-11 16:00:00.000'),
  -- Billed without a sales order, so there is no store order to show it on.
  (2, 'INV', 'INV000303', 'FRUITICO',  '2026-10-12', '2026-11-11', 'N', 'USD', 120.0000, 120.0000, NULL, NULL,     '2026-10-12 16:00:00.000');
