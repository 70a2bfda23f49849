"""Temporal values between Cypher and Python (issue 11): datetime.time, datetime.datetime
(naive, fixed offset, zoneinfo zones), timedelta and silkgraph.Duration, both ways, in
results, parameters and stored properties."""

import datetime
import zoneinfo

import pytest

import silkgraph


def one(db, query, params=None):
    return db.execute(query, params or {}).fetchone()[0]


def test_results_become_python_temporal_values(db):
    assert one(db, "RETURN localtime('21:40:32.142')") == datetime.time(21, 40, 32, 142000)
    t = one(db, "RETURN time('21:40-01:30')")
    assert t.utcoffset() == datetime.timedelta(hours=-1, minutes=-30)
    assert one(db, "RETURN localdatetime('2024-11-04T09:00')") == datetime.datetime(2024, 11, 4, 9)
    seoul = one(db, "RETURN datetime('2024-11-04T09:00[Asia/Seoul]')")
    assert seoul.tzinfo == zoneinfo.ZoneInfo("Asia/Seoul")
    assert seoul == datetime.datetime(2024, 11, 4, 0, tzinfo=datetime.timezone.utc)
    fixed = one(db, "RETURN datetime('2024-11-04T09:00+09:00')")
    assert fixed.utcoffset() == datetime.timedelta(hours=9) and fixed.hour == 9


def test_durations_keep_months_apart(db):
    d = one(db, "RETURN duration('P1M2DT3.5S')")
    assert isinstance(d, silkgraph.Duration)
    assert (d.months, d.days, d.seconds, d.nanoseconds) == (1, 2, 3, 500_000_000)
    assert str(d) == "P1M2DT3.5S"
    with pytest.raises(ValueError):
        d.to_timedelta()
    assert one(db, "RETURN duration('PT90M')").to_timedelta() == datetime.timedelta(minutes=90)


def test_parameters_round_trip(db):
    values = [datetime.time(10, 30), datetime.time(10, 30, tzinfo=datetime.timezone.utc),
              datetime.datetime(2024, 11, 4, 9, 0, 0, 123456),
              datetime.datetime(2024, 11, 4, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Seoul")),
              silkgraph.Duration(months=14, days=3, seconds=5)]
    for v in values:
        assert one(db, "RETURN $v", {"v": v}) == v
    assert str(one(db, "RETURN $v", {"v": datetime.timedelta(days=1, hours=2)})) == "P1DT2H"
    assert one(db, "RETURN $v.year", {"v": datetime.datetime(2024, 11, 4)}) == 2024
    assert one(db, "RETURN $v + duration('P1D')",
               {"v": datetime.datetime(2024, 3, 30, 12, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))}
               ) == datetime.datetime(2024, 3, 31, 12, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))


def test_stored_properties_and_saved_file(db, tmp_path):
    db.execute("CREATE (:E {at: datetime('2024-12-03T22:27[Asia/Seoul]'), took: duration('PT6H')})")
    path = str(tmp_path / "t.sg")
    db.save(path)
    row = silkgraph.Database(path).execute("MATCH (e:E) RETURN e.at, e.took").fetchone()
    assert row[0] == datetime.datetime(2024, 12, 3, 22, 27, tzinfo=zoneinfo.ZoneInfo("Asia/Seoul"))
    assert str(row[1]) == "PT6H"


PRESIDENT = ("MATCH (l:Leader)-[h:HOLDS_OFFICE {title: 'President'}]->(:Nation {id: 'KOR'}) "
             "RETURN l.name ORDER BY l.name")


def test_as_of_view_date(sample_db):
    # facts.csv F064 (Yoon Suk Yeol, 2022-05-10..2025-04-04) and F068 (Lee Jae-myung, from
    # 2025-06-04): docs/time.md.
    assert sample_db.execute(PRESIDENT).fetchall() == [("Lee Jae-myung",), ("Yoon Suk Yeol",)]
    assert sample_db.execute(PRESIDENT, as_of=datetime.date(2025, 7, 1)).fetchall() == [
        ("Lee Jae-myung",)]
    assert sample_db.execute(PRESIDENT, as_of="2024-11-04").fetchall() == [("Yoon Suk Yeol",)]
    prepared = sample_db.prepare(PRESIDENT)
    assert sample_db.execute(prepared, as_of="2024-11-04").fetchall() == [("Yoon Suk Yeol",)]


def test_as_of_rejects_what_is_not_a_date(sample_db):
    with pytest.raises(silkgraph.ArgumentError, match="as_of must be a datetime.date or a date"):
        sample_db.execute(PRESIDENT, as_of="July 2025")
    with pytest.raises(silkgraph.TypeError, match="as_of must be a datetime.date"):
        sample_db.execute(PRESIDENT, as_of=2025)
    with pytest.raises(silkgraph.TypeError, match="as_of must be a datetime.date"):
        sample_db.execute(PRESIDENT, as_of=datetime.datetime(2025, 7, 1, 12, 0))


def test_temporal_dataframe_columns(db):
    pd = pytest.importorskip("pandas")
    df = db.execute(
        "UNWIND [1, 2, null] AS i "
        "WITH i, CASE i WHEN 1 THEN '2024-06-01' WHEN 2 THEN '2024-06-02' END AS day "
        "RETURN localdatetime(day + 'T10:30:00.123456789') AS local, "
        "datetime(day + 'T10:30:00[Asia/Seoul]') AS seoul, "
        "CASE WHEN i IS NULL THEN null ELSE datetime('2024-06-01T10:30:00+05:00') END AS fixed, "
        "CASE i WHEN 1 THEN datetime('2024-06-01T10:30:00Z') "
        "ELSE datetime('2024-06-01T10:30:00+09:00') END AS mixed, "
        "date(day) AS d").to_df()
    assert str(df["local"].dtype) == "datetime64[ns]"
    assert df["local"][0] == pd.Timestamp("2024-06-01T10:30:00.123456789")
    assert pd.isna(df["local"][2])
    assert str(df["seoul"].dtype) == "datetime64[ns, Asia/Seoul]"
    assert df["seoul"][1] == pd.Timestamp("2024-06-02T10:30:00", tz="Asia/Seoul")
    assert pd.isna(df["seoul"][2])
    assert str(df["fixed"].dtype) == "datetime64[ns, UTC+05:00]"
    assert df["fixed"][0] == pd.Timestamp("2024-06-01T05:30:00", tz="UTC")
    assert str(df["mixed"].dtype) == "datetime64[ns, UTC]"
    assert df["mixed"][1] == pd.Timestamp("2024-06-01T01:30:00", tz="UTC")
    assert str(df["d"].dtype) == "datetime64[ns]"
    # Outside what datetime64[ns] holds (1677-2262): Python objects, as for dates.
    far = db.execute("RETURN localdatetime('3000-01-01T00:00') AS far").to_df()
    assert far["far"].dtype == object and far["far"][0].year == 3000


def test_duration_dataframe_columns(db):
    pd = pytest.importorskip("pandas")
    df = db.execute(
        "UNWIND [1, 2, null] AS i "
        "RETURN CASE i WHEN 1 THEN duration('PT90M') WHEN 2 THEN duration('P2DT0.000000001S') "
        "END AS exact, "
        "CASE i WHEN 1 THEN duration('-PT1.5S') ELSE duration('P1D') END AS negative, "
        "CASE i WHEN 1 THEN duration('P1M') ELSE duration('P1D') END AS months").to_df()
    assert str(df["exact"].dtype) == "timedelta64[ns]"
    assert df["exact"][0] == pd.Timedelta(minutes=90)
    assert df["exact"][1] == pd.Timedelta(days=2, nanoseconds=1)
    assert pd.isna(df["exact"][2])
    assert str(df["negative"].dtype) == "timedelta64[ns]"
    assert df["negative"][0] == pd.Timedelta(seconds=-1.5)
    assert df["negative"][2] == pd.Timedelta(days=1)
    # A month has no fixed length: the column keeps silkgraph.Duration objects.
    assert df["months"].dtype == object
    assert df["months"][0] == silkgraph.Duration(months=1)
    assert df["months"][1] == silkgraph.Duration(days=1)
    # Past what timedelta64[ns] holds (about 292 years): objects too.
    far = db.execute("RETURN duration({days: 200000}) AS far").to_df()
    assert far["far"].dtype == object and far["far"][0].days == 200000
