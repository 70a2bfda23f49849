// The world graph's schema as a table: one line per property. Units and meanings are
// documented in docs/world.md; the loaders write exactly these properties.
#include "loaders/world/world_schema.h"

#include <initializer_list>

namespace silkgraph::world {

namespace {

struct P {
  const char* name;
  const char* type;
};

std::vector<PropertyDef> props(std::initializer_list<P> list) {
  std::vector<PropertyDef> out;
  for (const P& p : list) {
    PropertyDef d;
    d.name = p.name;
    d.type = *parsePropType(p.type);
    out.push_back(d);
  }
  return out;
}

LabelDef label(const char* name, const char* description, std::initializer_list<P> list) {
  LabelDef d;
  d.name = name;
  d.key = "id";
  d.description = description;
  d.properties = props(list);
  return d;
}

RelTypeDef type(const char* name, std::vector<std::string> from, std::vector<std::string> to,
                const char* description, std::initializer_list<P> list) {
  RelTypeDef d;
  d.name = name;
  d.from = std::move(from);
  d.to = std::move(to);
  d.description = description;
  d.properties = props(list);
  return d;
}

// Properties every USGS figure (PRODUCES, HAS_RESERVES, HAS_CAPACITY) carries.
const std::initializer_list<P> kFigure = {
    {"year", "int"},          {"edition", "string"},    {"amount", "float"},
    {"unit", "string"},       {"amount_raw", "string"}, {"unit_raw", "string"},
    {"estimated", "bool"},    {"withheld", "bool"},     {"lower_bound", "bool"},
    {"latest", "bool"},       {"notes", "string"},      {"usgs_type", "string"},
    {"usgs_label", "string"}, {"basis", "string"},      {"footnote", "string"}};

Schema build() {
  Schema s;
  s.addLabel(label("Nation",
                   "A country or territory of ISO 3166 (mledoze/countries); id is its alpha-3 code",
                   {{"iso2", "string"},
                    {"iso_numeric", "string"},
                    {"official_name", "string"},
                    {"capital", "string[]"},
                    {"area_km2", "float"},
                    {"landlocked", "bool"},
                    {"un_member", "bool"},
                    {"independent", "bool"},
                    {"status", "string"},
                    {"cioc", "string"},
                    {"region", "string"},
                    {"subregion", "string"},
                    {"lat", "float"},
                    {"lng", "float"}}));
  s.addLabel(label("Region", "A world region or subregion", {{"kind", "string"}}));
  s.addLabel(label("Aggregate",
                   "A figure that is not one country's: USGS 'World total' and 'Other countries'",
                   {}));
  s.addLabel(label("Resource", "A mineral commodity (one per USGS MCS commodity file)",
                   {{"unit", "string"}, {"usgs_code", "string"}, {"note", "string"}}));
  for (const char* t : {"PRODUCES", "HAS_RESERVES", "HAS_CAPACITY"}) {
    const char* what = t[4] == 'R'   ? "Reserves of a commodity (USGS MCS), as of `year`"
                       : t[4] == 'C' ? "Production capacity of a commodity (USGS MCS)"
                                     : "Production of a commodity in `year` (USGS MCS)";
    s.addRelType(type(t, {"Nation", "Aggregate"}, {"Resource"}, what, kFigure));
  }
  s.addRelType(type("PART_OF", {"Nation", "Region"}, {"Region"},
                    "Nation in a subregion, subregion in a region (countries.json)", {}));
  RelTypeDef borders = type("BORDERS", {"Nation"}, {"Nation"},
                            "Land border between two nations, one relationship per pair "
                            "(symmetric: a directed pattern matches both ways)",
                            {{"length_km", "float"}});
  borders.symmetric = true;
  s.addRelType(std::move(borders));
  s.addLabel(
      label("Organization", "An international organization (CIA World Factbook abbreviation)", {}));
  s.addRelType(type("MEMBER_OF", {"Nation"}, {"Organization"},
                    "Nation participates in an organization (qualifier: observer, partner, ...)",
                    {{"qualifier", "string"}}));
  for (const char* t : {"EXPORTS_TO", "IMPORTS_FROM"})
    s.addRelType(type(t, {"Nation"}, {"Nation"},
                      "Partner's share of the nation's goods trade (CIA World Factbook, top 5)",
                      {{"share_pct", "float"}, {"year", "int"}, {"partner_label", "string"}}));
  s.addLabel(label("Leader", "A person who holds or held an office (id: Wikidata Q-id)",
                   {{"wikidata_qid", "string"}}));
  s.addRelType(
      type("HOLDS_OFFICE", {"Leader"}, {"Nation"},
           "A term in an office (Wikidata): start and end as published, valid_from and "
           "valid_to when they are whole days",
           {{"title", "string"}, {"role", "string"}, {"start", "string"}, {"end", "string"}}));
  s.addRelType(type("GDELT_EVENT", {"Nation"}, {"Nation"},
                    "A GDELT 2.0 event from Actor1's country to Actor2's (one per event row)",
                    {{"event_id", "int"},
                     {"date", "date"},
                     {"event_code", "string"},
                     {"cameo_root", "string"},
                     {"cameo_root_name", "string"},
                     {"quad_class", "int"},
                     {"goldstein", "float"},
                     {"tone", "float"},
                     {"mentions", "int"},
                     {"num_sources", "int"},
                     {"num_articles", "int"},
                     {"root_event", "bool"},
                     {"action_country", "string"},
                     {"action_place", "string"},
                     {"source_url", "string"}}));
  return s;
}

}  // namespace

const Schema& worldSchema() {
  static const Schema schema = build();
  return schema;
}

}  // namespace silkgraph::world
