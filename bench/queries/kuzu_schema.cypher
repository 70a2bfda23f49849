// Kuzu DDL for the benchmark data: one node table per label, one rel table per type. The
// COPY statements read the Kuzu-ordered CSVs that bench_generate writes into DATA/kuzu/.
CREATE NODE TABLE Nation(id STRING PRIMARY KEY, name STRING, region STRING, subregion STRING);
CREATE NODE TABLE Resource(id STRING PRIMARY KEY, name STRING);
CREATE NODE TABLE Leader(id STRING PRIMARY KEY, name STRING);
CREATE NODE TABLE Organization(id STRING PRIMARY KEY, name STRING);
CREATE REL TABLE BORDERS(FROM Nation TO Nation);
CREATE REL TABLE IS_A(FROM Resource TO Resource);
CREATE REL TABLE SUPPLIES(FROM Nation TO Nation, resource STRING, year INT64, tonnes DOUBLE);
CREATE REL TABLE PRODUCES(FROM Nation TO Resource, year INT64, tonnes DOUBLE);
CREATE REL TABLE HOLDS_OFFICE(FROM Leader TO Nation, role STRING, start_year INT64, end_year INT64);
CREATE REL TABLE MEMBER_OF(FROM Nation TO Organization, qualifier STRING);
COPY Nation FROM '$DATA/kuzu/nation.csv' (header=true, quote='"', escape='"');
COPY Resource FROM '$DATA/kuzu/resource.csv' (header=true, quote='"', escape='"');
COPY Leader FROM '$DATA/kuzu/leader.csv' (header=true, quote='"', escape='"');
COPY Organization FROM '$DATA/kuzu/organization.csv' (header=true, quote='"', escape='"');
COPY BORDERS FROM '$DATA/kuzu/borders.csv' (header=true, quote='"', escape='"');
COPY IS_A FROM '$DATA/kuzu/is_a.csv' (header=true, quote='"', escape='"');
COPY SUPPLIES FROM '$DATA/kuzu/supplies.csv' (header=true, quote='"', escape='"');
COPY PRODUCES FROM '$DATA/kuzu/produces.csv' (header=true, quote='"', escape='"');
COPY HOLDS_OFFICE FROM '$DATA/kuzu/holds_office.csv' (header=true, quote='"', escape='"');
COPY MEMBER_OF FROM '$DATA/kuzu/member_of.csv' (header=true, quote='"', escape='"');
