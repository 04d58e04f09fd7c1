-- The first statement succeeds, the second fails: the table must not stay behind.
CREATE TABLE gizmos (id integer PRIMARY KEY);
ALTER TABLE no_such_table ADD COLUMN x integer;
