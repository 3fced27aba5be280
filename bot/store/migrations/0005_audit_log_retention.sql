-- Core, version 5: the audit log's retention window (RGPD). A line stays append-only
-- in every respect but one: past its window it may be pseudonymised — the person's
-- key replaced by a pseudonym, its reason and data emptied — and nothing else. When,
-- what happened and to which object stay; so do the counts. No other change passes.
DROP TRIGGER audit_log_no_update;

CREATE TRIGGER audit_log_only_pseudonymised BEFORE UPDATE ON audit_log
WHEN NOT (NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
          AND NEW.reason IS NULL AND NEW.data = '{}'
          AND (NEW.actor = OLD.actor OR NEW.actor LIKE 'pseudonym:%')
          AND (NEW.subject = OLD.subject OR NEW.subject LIKE 'member:pseudonym:%'))
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only (a line can only be pseudonymised)');
END;
