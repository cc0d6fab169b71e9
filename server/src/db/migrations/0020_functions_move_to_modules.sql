-- Functions, triggers and views now have their one current definition in their module
-- (server/src/modules/<module>/sql/*.sql), applied after the migrations at every start. The placement and the
-- holds take their batch as one JSON array of records: their former signatures, one array per column, go.
DROP FUNCTION IF EXISTS calls_place(uuid[], uuid[], uuid[], text[], text[], text[], text[], text[], integer[],
  bigint[], integer[], text[], text[], timestamptz[], timestamptz[], date[], integer, integer, bigint, bigint);
--> statement-breakpoint
DROP FUNCTION IF EXISTS ledger_place_holds(uuid[], bigint[], text[], timestamptz[], text[], text[], text[],
  timestamptz[]);
