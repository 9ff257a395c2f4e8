-- Rule runs are written ahead as `pending` in the record change's transaction; `owner` names the
-- process (pid@host) that will finish them, so the runs of a process that died can be resumed.
ALTER TABLE workflow_runs ADD COLUMN owner TEXT;
CREATE INDEX workflow_runs_pending ON workflow_runs (outcome) WHERE outcome = 'pending';
