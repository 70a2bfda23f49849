"""Result.to_df() and Result.to_networkx(): a result as a pandas DataFrame or a NetworkX
MultiDiGraph. pandas and networkx are imported only when these are called."""

import importlib
import sys


def _need(module, package, method):
    """Imports `module` for Result.`method`(), or says which Debian package brings it: another
    interpreter than Debian's (a pyenv or venv one) imports silkgraph from the user site
    directory but has not Debian's pandas and networkx."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(
            f"Result.{method}() needs {module}, which this Python ({sys.executable}) cannot "
            f"import: use Debian's /usr/bin/python3 with {package} installed "
            f"(scripts/install-deps.sh installs it)") from e


def to_df(self):
    """The rows not yet read (all of them on a fresh Result) as a pandas DataFrame; the
    cursor does not move.

    dtypes: integers int64, or pandas' nullable Int64 when the column has nulls; floats (and
    columns mixing integers and floats) float64 with NaN for null; booleans bool, or the
    nullable boolean; dates datetime64[ns] with NaT for null (object dtype of datetime.date
    for years outside 1678-2261); local datetimes datetime64[ns]; datetimes with a zone
    datetime64[ns, zone], in the zone (or fixed offset) they all share, else in UTC (outside
    1678-2261 both stay objects); durations timedelta64[ns] with NaT for null when none has
    months (a day counts as 24 hours, as in pandas), else silkgraph.Duration objects;
    strings, times, lists, maps, nodes, relationships, paths and mixed columns object dtype
    (str, list, dict, silkgraph.Node, ...; None for null).
    """
    np = _need("numpy", "python3-numpy", "to_df")
    pd = _need("pandas", "python3-pandas", "to_df")

    data = {}
    for name, kind, values, mask in self._frame_columns():
        if kind == "Int64":
            column = pd.arrays.IntegerArray(values, mask)
        elif kind == "boolean":
            column = pd.arrays.BooleanArray(values, mask)
        elif kind == "date":
            column = values.astype("datetime64[D]").astype("datetime64[ns]")
            column[mask] = np.datetime64("NaT")
        elif kind == "datetime":
            column = values.view("datetime64[ns]").copy()
            column[mask] = np.datetime64("NaT")
        elif kind.startswith("datetimetz:"):
            column = values.view("datetime64[ns]").copy()
            column[mask] = np.datetime64("NaT")
            column = pd.Series(column).dt.tz_localize("UTC").dt.tz_convert(
                _timezone(kind[len("datetimetz:"):]))
        elif kind == "timedelta":
            column = values.view("timedelta64[ns]").copy()
            column[mask] = np.timedelta64("NaT")
        else:
            column = values
        data[name] = column
    return pd.DataFrame(data, columns=list(data.keys()))


def dicts(self):
    """The rows not yet read, one dict from column name to value at a time, read as the loop
    goes (a streaming result makes them as they are read, as iterating the Result does)."""
    columns = self.columns
    for row in self:
        yield dict(zip(columns, row))


def _timezone(name):
    """A zone for pandas: an IANA name, or "+32400" (seconds east of UTC) as a fixed offset."""
    import datetime

    if name[:1] in "+-":
        return datetime.timezone(datetime.timedelta(seconds=int(name)))
    return name


def _attributes(properties, reserved, kind):
    # A property named like the reserved attribute is renamed, as the GraphML export does.
    attrs = {(k + "_property" if k == reserved else k): v for k, v in properties.items()}
    attrs[reserved] = kind
    return attrs


def to_networkx(self):
    """The nodes and relationships the rows not yet read refer to (all rows on a fresh
    Result) as a networkx.MultiDiGraph; the cursor does not move.

    Nodes are keyed by their silkgraph id, with the attribute "labels" (a sorted list) and
    their properties; each relationship is an edge from its start to its end node keyed by
    its id, with the attribute "type" and its properties. Relationships bring their end
    nodes; paths, lists and maps are searched at any depth. A property named "labels" (on a
    node) or "type" (on a relationship) becomes "labels_property" / "type_property", as in
    the GraphML export.
    """
    nx = _need("networkx", "python3-networkx", "to_networkx")

    graph = nx.MultiDiGraph()
    nodes, rels = self._graph_elements()
    for node_id, labels, properties in nodes:
        graph.add_node(node_id, **_attributes(properties, "labels", list(labels)))
    for rel_id, start, end, rel_type, properties in rels:
        graph.add_edge(start, end, key=rel_id, **_attributes(properties, "type", rel_type))
    return graph
