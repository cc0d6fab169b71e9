-- The ledger's guards, for every client of the database, not only for our code.

-- Refuses the change that fired it, with the reason given as the trigger's argument.
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%: % is not allowed', TG_ARGV[0], TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;

-- Transfers are the books: once written they never change. Corrections are new transfers.
CREATE OR REPLACE TRIGGER transfers_immutable_rows BEFORE UPDATE OR DELETE ON transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('transfers are immutable; post a correcting transfer instead');

CREATE OR REPLACE TRIGGER transfers_immutable_table BEFORE TRUNCATE ON transfers
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('transfers are immutable; post a correcting transfer instead');

-- Transfers name their accounts without foreign keys (see tables.ts), so an account, once created, keeps its
-- identity forever. Only the columns that identify it are guarded: balance updates do not fire this.
CREATE OR REPLACE TRIGGER ledger_accounts_permanent_rows
  BEFORE DELETE OR UPDATE OF id, kind, account_id, system_code ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('ledger accounts are permanent');

CREATE OR REPLACE TRIGGER ledger_accounts_permanent_table BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('ledger accounts are permanent');
