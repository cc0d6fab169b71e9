-- Transfers are the books: once written they never change. Corrections are new transfers. This holds for
-- every client of the database, not only for our code.
CREATE FUNCTION transfers_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'transfers are immutable: % is not allowed; post a correcting transfer instead', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER transfers_immutable_rows BEFORE UPDATE OR DELETE ON transfers
  FOR EACH ROW EXECUTE FUNCTION transfers_refuse_change();
--> statement-breakpoint
CREATE TRIGGER transfers_immutable_table BEFORE TRUNCATE ON transfers
  FOR EACH STATEMENT EXECUTE FUNCTION transfers_refuse_change();
--> statement-breakpoint
-- Transfers name their accounts without foreign keys (see tables.ts), so an account, once created, must keep
-- its identity forever. Only the columns that identify it are guarded: balance updates do not fire this.
CREATE FUNCTION ledger_accounts_refuse_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger accounts are permanent: they cannot be deleted, truncated or re-keyed (%)', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_permanent_rows
  BEFORE DELETE OR UPDATE OF id, kind, account_id, system_code ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_accounts_refuse_removal();
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_permanent_table BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_accounts_refuse_removal();
