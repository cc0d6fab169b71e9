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
