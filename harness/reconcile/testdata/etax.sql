-- A synthetic e-tax bureau (电子税务局) database: the tables a provincial
-- e-tax system keeps for the filings it sends to the core, in its own
-- names. A site maps its real tables the same way: one reconcile spec per
-- pair of queries (contracts/reconcile/*.yaml), the caller's columns mapped
-- to the core's. SQLite, dates as 'YYYY-MM-DD' text, amounts as NUMERIC.

-- One row per filing submitted (申报表).
CREATE TABLE IF NOT EXISTS etax_sbb (
  sbxh    TEXT PRIMARY KEY,   -- the e-tax side's own filing number
  djxh    TEXT NOT NULL,      -- 登记序号 of the taxpayer
  pzxh    TEXT,               -- the PZXH the core answered
  sbbzl   TEXT NOT NULL,      -- form type (YZPZZL_DM)
  qsrq    TEXT NOT NULL,      -- period start
  zzrq    TEXT NOT NULL,      -- period end
  hjje    NUMERIC,            -- total due
  zfbz    TEXT DEFAULT 'N',   -- voided: Y/N
  sbrq    TEXT                -- filing date
);

-- One row per tax item of a filing (申报明细).
CREATE TABLE IF NOT EXISTS etax_sbmx (
  sbxh    TEXT NOT NULL REFERENCES etax_sbb(sbxh),
  djxh    TEXT NOT NULL,
  pzxh    TEXT,
  zsxm    TEXT NOT NULL,      -- ZSXM_DM
  qsrq    TEXT NOT NULL,
  zzrq    TEXT NOT NULL,
  je      NUMERIC             -- amount due for the item (YBTSE)
);

-- One row per payment made through the e-tax bureau (缴款).
CREATE TABLE IF NOT EXISTS etax_jkxx (
  jkxh    TEXT PRIMARY KEY,
  djxh    TEXT NOT NULL,
  pzxh    TEXT NOT NULL,      -- the filing paid
  zsxm    TEXT NOT NULL,
  sjje    NUMERIC NOT NULL,   -- amount paid
  jkrq    TEXT NOT NULL
);
