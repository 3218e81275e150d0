#pragma once
// Shared by the PLplot writers: the SVG page, a colour per data series and a legend.
#include <plplot/plstream.h>

#include <filesystem>
#include <string>
#include <vector>

namespace ionhop::outputs {

// The temporary file the plot is drawn into (published by publish_partial_file). PLplot
// ends the program when it cannot open its file, so the file is opened here first;
// throws ionhop::Error naming `path` when it cannot be written.
std::filesystem::path open_plot_file(const std::filesystem::path& path);

// An SVG page of width x height pixels on white with black axes (colour 15), drawn into
// `file`; call ssub (for panels) and then init.
void set_up_svg(plstream& pls, const std::filesystem::path& file, PLINT width, PLINT height);

// Colours of cmap0 that read well on white, one per series (repeating after ten).
PLINT series_colour(std::size_t series);

// Names the series' colours, inside the top right corner of the panel just drawn.
void draw_series_legend(plstream& pls, const std::vector<std::string>& labels);

}  // namespace ionhop::outputs
