#include "plot_series.hpp"

#include <fstream>
#include <iterator>

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/core/error.hpp"

namespace ionhop::outputs {

std::filesystem::path open_plot_file(const std::filesystem::path& path) {
    const std::filesystem::path temporary = partial_path(path);
    if (!std::ofstream(temporary, std::ios::binary | std::ios::trunc)) {
        discard_partial_file(path);
        throw Error(path.string() + ": cannot write the file");
    }
    return temporary;
}

void set_up_svg(plstream& pls, const std::filesystem::path& file, PLINT width, PLINT height) {
    pls.sdev("svg");
    pls.sfnam(file.c_str());
    pls.spage(0, 0, width, height, 0, 0);
    pls.scolbg(255, 255, 255);
    pls.scol0(15, 0, 0, 0);  // colour 15 (white by default) draws the axes in black
}

PLINT series_colour(std::size_t series) {
    constexpr PLINT colours[] = {1, 9, 3, 13, 8, 10, 14, 11, 4, 2};
    return colours[series % std::size(colours)];
}

void draw_series_legend(plstream& pls, const std::vector<std::string>& labels) {
    const std::size_t n = labels.size();
    std::vector<PLINT> options(n, PL_LEGEND_LINE), colours, styles(n, 1);
    std::vector<PLFLT> widths(n, 1.0);
    std::vector<const char*> texts;
    for (std::size_t s = 0; s < n; ++s) {
        colours.push_back(series_colour(s));
        texts.push_back(labels[s].c_str());
    }
    PLFLT width = 0.0, height = 0.0;
    pls.legend(&width, &height, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
               PL_POSITION_INSIDE | PL_POSITION_TOP | PL_POSITION_RIGHT, 0.0, 0.0, 0.08, 0, 15, 1, 0, 0,
               static_cast<PLINT>(n), options.data(), 1.0, 0.7, 2.0, 0.0, colours.data(), texts.data(),
               nullptr, nullptr, nullptr, nullptr, colours.data(), styles.data(), widths.data(), nullptr,
               nullptr, nullptr, nullptr);
}

}  // namespace ionhop::outputs
