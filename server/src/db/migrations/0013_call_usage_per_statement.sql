-- Counts the calls an INSERT adds once per statement, not once per row: calls_place (0012) inserts a whole
-- batch of call setups in one statement, and two grouped upserts cost less than two upserts per call. A
-- settlement or a deletion still counts its row through calls_count_usage (0012). Each upsert groups by its
-- key, so no statement touches a row twice.
CREATE FUNCTION calls_count_inserted_usage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO call_activity AS u (account_id, membership_id, active_calls)
  SELECT c.account_id, c.membership_id, count(*) FROM inserted_calls c WHERE c.settled_at IS NULL
   GROUP BY c.account_id, c.membership_id
  ON CONFLICT (account_id, membership_id) DO UPDATE SET active_calls = u.active_calls + excluded.active_calls;
  INSERT INTO call_spending AS u (account_id, day, membership_id, committed_cents)
  SELECT c.account_id, (c.started_at AT TIME ZONE 'UTC')::date, c.membership_id,
         sum(coalesce(c.cost_cents, c.hold_cents))
    FROM inserted_calls c
   GROUP BY c.account_id, (c.started_at AT TIME ZONE 'UTC')::date, c.membership_id
  ON CONFLICT (account_id, day, membership_id) DO UPDATE
    SET committed_cents = u.committed_cents + excluded.committed_cents;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER calls_usage_on_insert_or_delete ON calls;
--> statement-breakpoint
CREATE TRIGGER calls_usage_on_insert AFTER INSERT ON calls REFERENCING NEW TABLE AS inserted_calls
  FOR EACH STATEMENT EXECUTE FUNCTION calls_count_inserted_usage();
--> statement-breakpoint
CREATE TRIGGER calls_usage_on_delete AFTER DELETE ON calls
  FOR EACH ROW EXECUTE FUNCTION calls_count_usage();
