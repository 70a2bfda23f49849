-- SQLite tables for bench/run_index_ddl.py (issue 16 item 2): the tables of sqlite_schema.sql
-- with the index the issue names, on (dst, resource, year) (not covering: src and tonnes are
-- read from the table), against silkgraph's CREATE INDEX FOR ()-[r:SUPPLIES]-() ON
-- (r.resource, r.year) on data loaded without a schema file.
CREATE TABLE nation (id TEXT PRIMARY KEY, name TEXT, region TEXT, subregion TEXT);
CREATE TABLE borders (src TEXT NOT NULL, dst TEXT NOT NULL);
CREATE TABLE supplies (src TEXT NOT NULL, dst TEXT NOT NULL, resource TEXT NOT NULL,
                       year INTEGER, tonnes REAL);
-- @indexes (created after the bulk insert)
CREATE INDEX supplies_dst_resource_year ON supplies (dst, resource, year);
CREATE INDEX borders_src ON borders (src, dst);
