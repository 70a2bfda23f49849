// The commodity table and unit table of the USGS MCS world files (usgs_commodities.h). Names
// are the MCS chapter titles; units are those of the column headers of the 2022-2024 releases
// (../shared/data/SOURCES.md).
#include "loaders/world/usgs_commodities.h"

#include <utility>

namespace silkgraph::world {

namespace {

constexpr std::pair<std::string_view, std::string_view> kCommodities[] = {
    {"abras", "Abrasives (manufactured)"},
    {"alumi", "Aluminum"},
    {"antim", "Antimony"},
    {"arsen", "Arsenic"},
    {"asbes", "Asbestos"},
    {"barit", "Barite"},
    {"bauxi", "Bauxite and alumina"},
    {"beryl", "Beryllium"},
    {"bismu", "Bismuth"},
    {"boron", "Boron"},
    {"bromi", "Bromine"},
    {"cadmi", "Cadmium"},
    {"cemen", "Cement"},
    {"chrom", "Chromium"},
    {"clays", "Clays"},
    {"cobal", "Cobalt"},
    {"coppe", "Copper"},
    {"diamo", "Diamond (industrial)"},
    {"diato", "Diatomite"},
    {"felds", "Feldspar and nepheline syenite"},
    {"feore", "Iron ore"},
    {"fepig", "Iron oxide pigments"},
    {"feste", "Iron and steel"},
    {"fluor", "Fluorspar"},
    {"galli", "Gallium"},
    {"garne", "Garnet (industrial)"},
    {"gemst", "Gemstones"},
    {"germa", "Germanium"},
    {"gold", "Gold"},
    {"graph", "Graphite (natural)"},
    {"gypsu", "Gypsum"},
    {"heliu", "Helium"},
    {"indiu", "Indium"},
    {"iodin", "Iodine"},
    {"kyani", "Kyanite and related minerals"},
    {"lead", "Lead"},
    {"lime", "Lime"},
    {"lithi", "Lithium"},
    {"manga", "Manganese"},
    {"mercu", "Mercury"},
    {"mgcomp", "Magnesium compounds"},
    {"mgmet", "Magnesium metal"},
    {"mica", "Mica (natural)"},
    {"molyb", "Molybdenum"},
    {"nicke", "Nickel"},
    {"niobi", "Niobium"},
    {"nitro", "Nitrogen (fixed), ammonia"},
    {"peat", "Peat"},
    {"perli", "Perlite"},
    {"phosp", "Phosphate rock"},
    {"plati", "Platinum-group metals"},
    {"potas", "Potash"},
    {"pumic", "Pumice and pumicite"},
    {"raree", "Rare earths"},
    {"rheni", "Rhenium"},
    {"salt", "Salt"},
    {"sandi", "Sand and gravel (industrial)"},
    {"selen", "Selenium"},
    {"silve", "Silver"},
    {"simet", "Silicon"},
    {"sodaa", "Soda ash"},
    {"stond", "Stone (dimension)"},
    {"stron", "Strontium"},
    {"sulfu", "Sulfur"},
    {"talc", "Talc and pyrophyllite"},
    {"tanta", "Tantalum"},
    {"tellu", "Tellurium"},
    {"timin", "Titanium mineral concentrates"},
    {"tin", "Tin"},
    {"titan", "Titanium and titanium dioxide"},
    {"tungs", "Tungsten"},
    {"vanad", "Vanadium"},
    {"vermi", "Vermiculite"},
    {"wolla", "Wollastonite"},
    {"zeoli", "Zeolites (natural)"},
    {"zinc", "Zinc"},
    {"zirco", "Zirconium and hafnium"},
    {"zirco-hafni", "Zirconium and hafnium"},
};

}  // namespace

std::string_view usgsCommodityName(std::string_view code) {
  for (const auto& [c, name] : kCommodities)
    if (c == code) return name;
  return {};
}

UsgsUnit usgsUnit(std::string_view u) {
  if (u == "t") return {"t", 1};
  if (u == "kt") return {"t", 1e3};
  if (u == "kg") return {"t", 1e-3};
  // Million metric tons: the files write it Mt, mmt and mt (their notes say "million metric
  // tons").
  if (u == "Mt" || u == "mmt" || u == "mt") return {"t", 1e6};
  if (u == "mct") return {"carats", 1e6};
  if (u == "kct") return {"carats", 1e3};
  if (u == "mcm") return {"cubic meters", 1e6};
  return {};
}

}  // namespace silkgraph::world
