-- SQLite tables for the benchmark (the three the SQL queries read) and the best indexes for
-- Q1 (a covering index on the filter columns) and Q5 (borders by source; nation by its
-- primary key). Rows are inserted by bench/sqlite_runner.py from the same CSV files.
CREATE TABLE nation (id TEXT PRIMARY KEY, name TEXT, region TEXT, subregion TEXT);
CREATE TABLE borders (src TEXT NOT NULL, dst TEXT NOT NULL);
CREATE TABLE supplies (src TEXT NOT NULL, dst TEXT NOT NULL, resource TEXT NOT NULL,
                       year INTEGER, tonnes REAL);
-- @indexes (created after the bulk insert)
CREATE INDEX supplies_q1 ON supplies (dst, resource, year, src, tonnes);
CREATE INDEX borders_src ON borders (src, dst);
