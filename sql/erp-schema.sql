-- An Acumatica-like subset of the ERP database, enough for the customer export.
-- Written in the SQL that both MySQL/MariaDB and H2 (MySQL mode) accept, and safe to run again, so the same
-- file backs the embedded default and the tests on MariaDB. Every table carries CompanyID, as Acumatica's tenant key.

CREATE TABLE IF NOT EXISTS NumberingSequence (
    CompanyID            INT          NOT NULL,
    NumberingID          VARCHAR(10)  NOT NULL,
    NumberingSEQ         INT          NOT NULL,
    StartNbr             VARCHAR(15)  NOT NULL,
    EndNbr               VARCHAR(15)  NOT NULL,
    LastNbr              VARCHAR(15)  NOT NULL,
    NbrStep              INT          NOT NULL,
    StartDate            DATE         NOT NULL,
    PRIMARY KEY (CompanyID, NumberingID, NumberingSEQ)
);

CREATE TABLE IF NOT EXISTS CustomerClass (
    CompanyID            INT          NOT NULL,
    CustomerClassID      VARCHAR(10)  NOT NULL,
    Descr                VARCHAR(255),
    NumberingID          VARCHAR(10),
    PRIMARY KEY (CompanyID, CustomerClassID)
);

CREATE TABLE IF NOT EXISTS Contact (
    CompanyID            INT          NOT NULL,
    ContactID            INT          NOT NULL,
    FirstName            VARCHAR(50),
    LastName             VARCHAR(100),
    DisplayName          VARCHAR(255),
    EMail                VARCHAR(255),
    Phone1               VARCHAR(50),
    LastModifiedDateTime DATETIME(3)  NOT NULL,
    PRIMARY KEY (CompanyID, ContactID)
);

-- AcctName, Email and Phone1 are the "Account Info" / "Additional Account Info" of the Customers form;
-- PrimaryContactID points at the "Primary Contact" section.
CREATE TABLE IF NOT EXISTS Customer (
    CompanyID            INT          NOT NULL,
    CustomerID           VARCHAR(30)  NOT NULL,
    AcctName             VARCHAR(255) NOT NULL,
    CustomerClassID      VARCHAR(10)  NOT NULL,
    Email                VARCHAR(255),
    Phone1               VARCHAR(50),
    PrimaryContactID     INT,
    CountryID            CHAR(2),
    Status               CHAR(1)      NOT NULL,
    CreatedDateTime      DATETIME(3)  NOT NULL,
    LastModifiedDateTime DATETIME(3)  NOT NULL,
    PRIMARY KEY (CompanyID, CustomerID),
    -- Incremental prepare reads by change time.
    INDEX Customer_LastModified (CompanyID, LastModifiedDateTime)
);
