/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * A text table for the example programs' summaries: each column as wide as its widest cell
 * (heading included), so that no name, however long, pushes the columns after it out of line and
 * nothing is cut. Columns are separated by two spaces; a cell never holds a blank, so that
 * scripts (and the tests) can split a row on whitespace ("-" stands for an empty cell).
 */

#ifndef EDGE_DNN_EXAMPLE_TABLE_H
#define EDGE_DNN_EXAMPLE_TABLE_H

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{
namespace example
{

/// A table whose columns are sized to their content.
class TextTable
{
  public:
    /// How a column aligns its cells.
    enum Align
    {
        LEFT, //!< names
        RIGHT //!< numbers
    };

    /**
     * \brief Add a column (before any row).
     * \param heading its heading
     * \param align how it aligns its cells
     */
    void AddColumn(const std::string& heading, Align align)
    {
        m_headings.push_back(heading);
        m_aligns.push_back(align);
    }

    /**
     * \brief Add a row.
     * \param cells its cells, one per column (missing ones are "-", extra ones ignored); an empty
     * cell or a blank in a cell is written "-" or "_", so rows split on whitespace
     */
    void AddRow(std::vector<std::string> cells)
    {
        cells.resize(m_headings.size(), "-");
        for (std::string& cell : cells)
        {
            if (cell.empty())
            {
                cell = "-";
            }
            std::replace(cell.begin(), cell.end(), ' ', '_');
        }
        m_rows.push_back(std::move(cells));
    }

    /**
     * \brief Print the heading and the rows.
     * \param os the stream
     */
    void Print(std::ostream& os) const
    {
        std::vector<std::size_t> widths(m_headings.size());
        for (std::size_t c = 0; c < m_headings.size(); ++c)
        {
            widths[c] = m_headings[c].size();
            for (const std::vector<std::string>& row : m_rows)
            {
                widths[c] = std::max(widths[c], row[c].size());
            }
        }
        PrintRow(os, m_headings, widths);
        for (const std::vector<std::string>& row : m_rows)
        {
            PrintRow(os, row, widths);
        }
    }

  private:
    /**
     * \brief Print one row, without trailing blanks.
     * \param os the stream
     * \param cells its cells
     * \param widths the columns' widths
     */
    void PrintRow(std::ostream& os,
                  const std::vector<std::string>& cells,
                  const std::vector<std::size_t>& widths) const
    {
        std::string line;
        for (std::size_t c = 0; c < cells.size(); ++c)
        {
            const std::string pad(widths[c] - cells[c].size(), ' ');
            line += (c == 0 ? "" : "  ") + (m_aligns[c] == LEFT ? cells[c] + pad : pad + cells[c]);
        }
        line.erase(line.find_last_not_of(' ') + 1);
        os << line << "\n";
    }

    std::vector<std::string> m_headings;          //!< the columns' headings
    std::vector<Align> m_aligns;                  //!< the columns' alignments
    std::vector<std::vector<std::string>> m_rows; //!< the rows
};

} // namespace example
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_EXAMPLE_TABLE_H */
