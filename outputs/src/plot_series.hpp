#pragma once
// Shared by the PLplot writers: a colour per data series and a legend naming them.
#include <plplot/plstream.h>

#include <string>
#include <vector>

namespace ionhop::outputs {

// Colours of cmap0 that read well on white, one per series (repeating after ten).
PLINT series_colour(std::size_t series);

// Names the series' colours, inside the top right corner of the panel just drawn.
void draw_series_legend(plstream& pls, const std::vector<std::string>& labels);

}  // namespace ionhop::outputs
