CREATE TABLE widgets (id integer PRIMARY KEY);
INSERT INTO widgets VALUES (1), (2);
