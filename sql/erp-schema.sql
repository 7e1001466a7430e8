-- An Acumatica-like subset of the ERP database: what the entities in jobs/ read.
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

-- Customer locations (Acumatica's Location with its address), exported as the store customer's addresses.
CREATE TABLE IF NOT EXISTS Location (
    CompanyID            INT          NOT NULL,
    CustomerID           VARCHAR(30)  NOT NULL,
    LocationCD           VARCHAR(30)  NOT NULL,
    Descr                VARCHAR(255),
    AddressLine1         VARCHAR(100),
    AddressLine2         VARCHAR(100),
    City                 VARCHAR(50),
    State                VARCHAR(50),
    PostalCode           VARCHAR(20),
    CountryID            CHAR(2),
    Phone1               VARCHAR(50),
    IsActive             TINYINT      NOT NULL,
    LastModifiedDateTime DATETIME(3)  NOT NULL,
    PRIMARY KEY (CompanyID, CustomerID, LocationCD),
    INDEX Location_LastModified (CompanyID, LastModifiedDateTime)
);

-- Item sales categories; ParentID 0 is the root.
CREATE TABLE IF NOT EXISTS INCategory (
    CompanyID            INT          NOT NULL,
    CategoryID           INT          NOT NULL,
    ParentID             INT          NOT NULL,
    Description          VARCHAR(255) NOT NULL,
    SortOrder            INT          NOT NULL,
    LastModifiedDateTime DATETIME(3)  NOT NULL,
    PRIMARY KEY (CompanyID, CategoryID),
    INDEX INCategory_LastModified (CompanyID, LastModifiedDateTime)
);

-- Stock items. ItemStatus: AC active, IN inactive.
CREATE TABLE IF NOT EXISTS InventoryItem (
    CompanyID            INT            NOT NULL,
    InventoryCD          VARCHAR(30)    NOT NULL,
    Descr                VARCHAR(255),
    Body                 VARCHAR(4000),
    ItemClassID          VARCHAR(10),
    ItemStatus           CHAR(2)        NOT NULL,
    StkItem              TINYINT        NOT NULL,
    BasePrice            DECIMAL(19, 6),
    BaseItemWeight       DECIMAL(25, 6),
    LastModifiedDateTime DATETIME(3)    NOT NULL,
    PRIMARY KEY (CompanyID, InventoryCD),
    INDEX InventoryItem_LastModified (CompanyID, LastModifiedDateTime)
);

-- An item's sales categories.
CREATE TABLE IF NOT EXISTS INItemCategory (
    CompanyID            INT          NOT NULL,
    InventoryCD          VARCHAR(30)  NOT NULL,
    CategoryID           INT          NOT NULL,
    PRIMARY KEY (CompanyID, InventoryCD, CategoryID)
);

-- Sales orders. Status: N open, H on hold, S shipping, C completed, L cancelled. The bill-to address is the
-- order's own, as in Acumatica. LineCntr and CuryOrderTotal change with the lines, so line edits are exported.
CREATE TABLE IF NOT EXISTS SOOrder (
    CompanyID            INT            NOT NULL,
    OrderType            CHAR(2)        NOT NULL,
    OrderNbr             VARCHAR(15)    NOT NULL,
    CustomerID           VARCHAR(30)    NOT NULL,
    OrderDate            DATE           NOT NULL,
    Status               CHAR(1)        NOT NULL,
    CustomerOrderNbr     VARCHAR(40),
    BillFirstName        VARCHAR(50),
    BillLastName         VARCHAR(100),
    BillEmail            VARCHAR(255),
    BillAddressLine1     VARCHAR(100),
    BillCity             VARCHAR(50),
    BillState            VARCHAR(50),
    BillPostalCode       VARCHAR(20),
    BillCountryID        CHAR(2),
    LineCntr             INT            NOT NULL,
    CuryOrderTotal       DECIMAL(19, 4) NOT NULL,
    LastModifiedDateTime DATETIME(3)    NOT NULL,
    PRIMARY KEY (CompanyID, OrderType, OrderNbr),
    INDEX SOOrder_LastModified (CompanyID, LastModifiedDateTime)
);

CREATE TABLE IF NOT EXISTS SOLine (
    CompanyID            INT            NOT NULL,
    OrderType            CHAR(2)        NOT NULL,
    OrderNbr             VARCHAR(15)    NOT NULL,
    LineNbr              INT            NOT NULL,
    InventoryCD          VARCHAR(30)    NOT NULL,
    OrderQty             DECIMAL(25, 6) NOT NULL,
    CuryUnitPrice        DECIMAL(19, 6) NOT NULL,
    PRIMARY KEY (CompanyID, OrderType, OrderNbr, LineNbr)
);

-- Shipments, one sales order each (Acumatica links them through SOOrderShipment). Status: N open, C confirmed.
CREATE TABLE IF NOT EXISTS SOShipment (
    CompanyID            INT          NOT NULL,
    ShipmentNbr          VARCHAR(15)  NOT NULL,
    ShipmentType         CHAR(1)      NOT NULL,
    ShipDate             DATE         NOT NULL,
    Status               CHAR(1)      NOT NULL,
    CustomerID           VARCHAR(30)  NOT NULL,
    OrderType            CHAR(2)      NOT NULL,
    OrderNbr             VARCHAR(15)  NOT NULL,
    ShipVia              VARCHAR(15),
    TrackingNbr          VARCHAR(50),
    LineCntr             INT          NOT NULL,
    LastModifiedDateTime DATETIME(3)  NOT NULL,
    PRIMARY KEY (CompanyID, ShipmentNbr),
    INDEX SOShipment_LastModified (CompanyID, LastModifiedDateTime)
);

CREATE TABLE IF NOT EXISTS SOShipLine (
    CompanyID            INT            NOT NULL,
    ShipmentNbr          VARCHAR(15)    NOT NULL,
    LineNbr              INT            NOT NULL,
    InventoryCD          VARCHAR(30)    NOT NULL,
    ShippedQty           DECIMAL(25, 6) NOT NULL,
    PRIMARY KEY (CompanyID, ShipmentNbr, LineNbr)
);

-- Invoices. Status: H on hold, N open (balanced), C closed (paid), V voided. OrderType/OrderNbr name the sales
-- order the invoice bills, when there is one.
CREATE TABLE IF NOT EXISTS ARInvoice (
    CompanyID            INT            NOT NULL,
    DocType              CHAR(3)        NOT NULL,
    RefNbr               VARCHAR(15)    NOT NULL,
    CustomerID           VARCHAR(30)    NOT NULL,
    DocDate              DATE           NOT NULL,
    DueDate              DATE,
    Status               CHAR(1)        NOT NULL,
    CuryID               CHAR(3)        NOT NULL,
    CuryOrigDocAmt       DECIMAL(19, 4) NOT NULL,
    CuryDocBal           DECIMAL(19, 4) NOT NULL,
    OrderType            CHAR(2),
    OrderNbr             VARCHAR(15),
    LastModifiedDateTime DATETIME(3)    NOT NULL,
    PRIMARY KEY (CompanyID, DocType, RefNbr),
    INDEX ARInvoice_LastModified (CompanyID, LastModifiedDateTime)
);

-- Which ERP record an import created or updated for a store record (Acumatica's BCSyncStatus, kept in the ERP).
-- Written in the same ERP transaction as the record itself, so that an import re-read through the overlap,
-- retried, or restarted after a kill between the ERP's commit and the sync history's finds the record it
-- made instead of making a second one. The primary key makes a second binding of a store record impossible
-- even for two imports at once.
CREATE TABLE IF NOT EXISTS BCSyncStatus (
    CompanyID            INT          NOT NULL,
    StoreName            VARCHAR(64)  NOT NULL,
    EntityType           VARCHAR(64)  NOT NULL,
    ExternalID           VARCHAR(64)  NOT NULL,
    LocalID              VARCHAR(64)  NOT NULL,
    LastModifiedDateTime DATETIME(3)  NOT NULL,
    PRIMARY KEY (CompanyID, StoreName, EntityType, ExternalID),
    INDEX BCSyncStatus_Local (CompanyID, StoreName, EntityType, LocalID)
);
