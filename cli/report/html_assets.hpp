// The inline stylesheet and script of the HTML report. Everything the page
// needs is in the file itself: no network, no external scripts or fonts.
#pragma once

namespace frist::cli {

// Screen and print CSS (system fonts only; print keeps the bar colours).
const char* report_css() noexcept;
// Plain JS, no libraries: tables with class "sortable" sort by a column when
// its heading button is pressed (numbers by their data-v value, texts in the
// page's language); the total row stays in the table foot.
const char* report_js() noexcept;

}  // namespace frist::cli
