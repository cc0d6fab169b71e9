CREATE TABLE "holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ledger_account_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"captured_cents" bigint,
	"reference" text,
	"memo" text,
	"actor" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"settled_at" timestamp (3) with time zone,
	CONSTRAINT "holds_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "holds_status_known" CHECK ("holds"."status" in ('active', 'captured', 'released', 'expired')),
	CONSTRAINT "holds_amount_positive" CHECK ("holds"."amount_cents" > 0),
	CONSTRAINT "holds_settlement_shape" CHECK (("holds"."status" = 'active' and "holds"."settled_at" is null and "holds"."captured_cents" is null)
      or ("holds"."status" = 'captured' and "holds"."settled_at" is not null
        and "holds"."captured_cents" > 0 and "holds"."captured_cents" <= "holds"."amount_cents")
      or ("holds"."status" in ('released', 'expired') and "holds"."settled_at" is not null and "holds"."captured_cents" is null))
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"account_id" uuid,
	"system_code" text,
	"balance_cents" bigint,
	"held_cents" bigint,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_account_id_unique" UNIQUE("account_id"),
	CONSTRAINT "ledger_accounts_system_code_unique" UNIQUE("system_code"),
	CONSTRAINT "ledger_accounts_kind_shape" CHECK (("ledger_accounts"."kind" = 'wallet' and "ledger_accounts"."account_id" is not null and "ledger_accounts"."system_code" is null
        and "ledger_accounts"."balance_cents" is not null and "ledger_accounts"."held_cents" is not null)
      or ("ledger_accounts"."kind" = 'system' and "ledger_accounts"."system_code" is not null and "ledger_accounts"."account_id" is null
        and "ledger_accounts"."balance_cents" is null and "ledger_accounts"."held_cents" is null)),
	CONSTRAINT "ledger_accounts_system_code_known" CHECK ("ledger_accounts"."system_code" in ('provider_cash', 'call_revenue', 'number_revenue', 'manual_adjustments', 'write_offs')),
	CONSTRAINT "ledger_accounts_held_non_negative" CHECK ("ledger_accounts"."held_cents" >= 0),
	CONSTRAINT "ledger_accounts_available_non_negative" CHECK ("ledger_accounts"."balance_cents" - "ledger_accounts"."held_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_reconciliations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone NOT NULL,
	"accounts_checked" integer NOT NULL,
	"transfers_checked" bigint NOT NULL,
	"total_cents" bigint NOT NULL,
	"mismatches" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "transfers_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"debit_account_id" uuid NOT NULL,
	"credit_account_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	"idempotency_key" text NOT NULL,
	"hold_id" uuid,
	"reference" text,
	"memo" text,
	"actor" text NOT NULL,
	"debit_balance_after_cents" bigint,
	"credit_balance_after_cents" bigint,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "transfers_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "transfers_kind_known" CHECK ("transfers"."kind" in ('topup', 'call', 'number_fee', 'adjustment', 'refund', 'dispute', 'auto_topup', 'write_off')),
	CONSTRAINT "transfers_amount_positive" CHECK ("transfers"."amount_cents" > 0),
	CONSTRAINT "transfers_distinct_accounts" CHECK ("transfers"."debit_account_id" <> "transfers"."credit_account_id")
);
--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_ledger_account_id_ledger_accounts_id_fk" FOREIGN KEY ("ledger_account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_hold_id_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "holds_expiry_idx" ON "holds" USING btree ("expires_at") WHERE "holds"."status" = 'active';--> statement-breakpoint
CREATE INDEX "holds_account_idx" ON "holds" USING btree ("ledger_account_id");--> statement-breakpoint
CREATE INDEX "ledger_reconciliations_started_at_idx" ON "ledger_reconciliations" USING btree ("started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_hold_id_unique" ON "transfers" USING btree ("hold_id") WHERE "transfers"."hold_id" is not null;--> statement-breakpoint
CREATE INDEX "transfers_debit_seq_idx" ON "transfers" USING btree ("debit_account_id","seq");--> statement-breakpoint
CREATE INDEX "transfers_credit_seq_idx" ON "transfers" USING btree ("credit_account_id","seq");