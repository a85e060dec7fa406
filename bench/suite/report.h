// SPDX-License-Identifier: LGPL-2.1-or-later
// The suite's results: a markdown page with the tables, and PNG plots drawn by gnuplot.
#pragma once

#include <string>
#include <vector>

#include "browser.h"
#include "measure.h"

namespace webdesk::bench {

// The markdown tables for every scenario (what is printed and what goes into the page).
std::string ResultsMarkdown (const std::vector<Result> &results);

// Every target of issue #7 against what was measured: met or missed, and by how much.
std::string TargetsMarkdown (const std::vector<Result> &results,
    const std::vector<BrowserResult> &browser);

// Writes the tables between the suite's markers in `page` (creating it if needed) and the
// plots of `plotted` (one scenario's results) into `img_dir`. Returns false with a message.
bool WriteReport (const std::string &page, const std::string &img_dir, const std::string &header,
    const std::string &tables, const std::vector<Result> &plotted, std::string *error);

}  // namespace webdesk::bench
