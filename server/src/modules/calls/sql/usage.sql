-- call_activity (calls not yet settled, per seat) and call_spending (money committed per seat and UTC day: a
-- settled call's cost, else its hold) follow calls in the transaction that changes a call, so checking the
-- limits reads a few rows, not every call the account placed today.

-- A settlement or a deletion counts its row: the old row's part taken away, the new row's added.
CREATE OR REPLACE FUNCTION calls_count_usage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF OLD.settled_at IS NULL THEN
      UPDATE call_activity u SET active_calls = u.active_calls - 1
       WHERE u.account_id = OLD.account_id AND u.membership_id = OLD.membership_id;
    END IF;
    UPDATE call_spending u SET committed_cents = u.committed_cents - coalesce(OLD.cost_cents, OLD.hold_cents)
     WHERE u.account_id = OLD.account_id AND u.day = (OLD.started_at AT TIME ZONE 'UTC')::date
       AND u.membership_id = OLD.membership_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF NEW.settled_at IS NULL THEN
      INSERT INTO call_activity AS u (account_id, membership_id, active_calls)
      VALUES (NEW.account_id, NEW.membership_id, 1)
      ON CONFLICT (account_id, membership_id) DO UPDATE SET active_calls = u.active_calls + 1;
    END IF;
    INSERT INTO call_spending AS u (account_id, day, membership_id, committed_cents)
    VALUES (NEW.account_id, (NEW.started_at AT TIME ZONE 'UTC')::date, NEW.membership_id,
      coalesce(NEW.cost_cents, NEW.hold_cents))
    ON CONFLICT (account_id, day, membership_id) DO UPDATE
      SET committed_cents = u.committed_cents + excluded.committed_cents;
  END IF;
  RETURN NULL;
END;
$$;

-- An INSERT counts its calls once per statement, not once per row: calls_place inserts a whole batch of call
-- setups in one statement. Each upsert groups by its key, so no statement touches a row twice.
CREATE OR REPLACE FUNCTION calls_count_inserted_usage() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE TRIGGER calls_usage_on_insert AFTER INSERT ON calls REFERENCING NEW TABLE AS inserted_calls
  FOR EACH STATEMENT EXECUTE FUNCTION calls_count_inserted_usage();

CREATE OR REPLACE TRIGGER calls_usage_on_delete AFTER DELETE ON calls
  FOR EACH ROW EXECUTE FUNCTION calls_count_usage();

CREATE OR REPLACE TRIGGER calls_usage_on_update AFTER UPDATE ON calls
  FOR EACH ROW WHEN (
    OLD.settled_at IS DISTINCT FROM NEW.settled_at OR OLD.cost_cents IS DISTINCT FROM NEW.cost_cents
    OR OLD.hold_cents IS DISTINCT FROM NEW.hold_cents OR OLD.started_at IS DISTINCT FROM NEW.started_at
    OR OLD.account_id IS DISTINCT FROM NEW.account_id OR OLD.membership_id IS DISTINCT FROM NEW.membership_id
  ) EXECUTE FUNCTION calls_count_usage();
