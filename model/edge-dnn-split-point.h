/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SPLIT_POINT_H
#define EDGE_DNN_SPLIT_POINT_H

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The names of the tensors crossing one cut, as a read-only range of strings.
 *
 * A tensor crosses a contiguous run of cuts (from its producer to its last consumer), so the cuts
 * of one profile share a single table of (name, first cut, end cut) entries and each cut keeps
 * only its number, its count and where its first tensor is in the table: memory is linear in the
 * layers, where a list of names per cut was quadratic (a 10,000-branch concat took 2 GB). The
 * names of a cut come in table order, the order their layers run in.
 */
class CrossingTensors
{
  public:
    /// One tensor of the shared table: the cuts [firstCut, endCut) carry it.
    struct Entry
    {
        std::string name;  //!< the layer producing the tensor
        uint32_t firstCut; //!< the first cut it crosses
        uint32_t endCut;   //!< one past the last cut it crosses
    };

    /// The shared table, entries in increasing firstCut order.
    using Table = std::vector<Entry>;

    /// A forward iterator over the names of one cut.
    class const_iterator
    {
      public:
        using iterator_category = std::forward_iterator_tag; //!< iterator traits
        using value_type = std::string;                      //!< iterator traits
        using difference_type = std::ptrdiff_t;              //!< iterator traits
        using pointer = const std::string*;                  //!< iterator traits
        using reference = const std::string&;                //!< iterator traits

        /** \brief A singular iterator. */
        const_iterator() = default;

        /**
         * \brief An iterator at the first entry at or after entry i that crosses the cut.
         * \param table the table
         * \param cut the cut
         * \param i an entry index (table->size() for the end)
         */
        const_iterator(const Table* table, uint32_t cut, std::size_t i);

        /** \return the name of the current tensor */
        reference operator*() const;
        /** \return a pointer to the name of the current tensor */
        pointer operator->() const;
        /** \return this, moved to the next tensor of the cut */
        const_iterator& operator++();
        /** \return a copy of this before moving it to the next tensor of the cut */
        const_iterator operator++(int);

        /**
         * \param other another iterator of the same range
         * \return true if both point at the same tensor
         */
        bool operator==(const const_iterator& other) const;
        /**
         * \param other another iterator of the same range
         * \return true unless both point at the same tensor
         */
        bool operator!=(const const_iterator& other) const;

      private:
        /** \brief Move to the first entry from m_i on that crosses the cut, or the end. */
        void Settle();

        const Table* m_table{nullptr}; //!< the shared table
        uint32_t m_cut{0};             //!< the cut
        std::size_t m_i{0};            //!< the current entry
    };

    /** \brief No tensors. */
    CrossingTensors() = default;

    /**
     * \brief An explicit list of names.
     * \param names the names, in order
     */
    CrossingTensors(std::vector<std::string> names);

    /**
     * \brief An explicit list of names.
     * \param names the names, in order
     */
    CrossingTensors(std::initializer_list<std::string> names);

    /**
     * \brief The tensors of one cut of a shared table.
     * \param table the table
     * \param cut the cut
     * \param first the index of the first entry crossing the cut
     * \param count how many entries cross it
     */
    CrossingTensors(std::shared_ptr<const Table> table,
                    uint32_t cut,
                    std::size_t first,
                    std::size_t count);

    /** \return the number of tensors crossing the cut */
    std::size_t size() const;
    /** \return true if none crosses it */
    bool empty() const;
    /** \return an iterator at the first name */
    const_iterator begin() const;
    /** \return the end iterator */
    const_iterator end() const;
    /** \return the names, in order, as a vector */
    std::vector<std::string> ToVector() const;

  private:
    std::shared_ptr<const Table> m_table; //!< shared by the cuts of one profile (null if empty)
    uint32_t m_cut{0};                    //!< this cut's number in the table
    std::size_t m_first{0};               //!< index of its first entry
    std::size_t m_count{0};               //!< number of its entries
};

/**
 * \ingroup edge-dnn
 * \brief One place where a network can be cut between the edge and the cloud, with what it costs on
 * each side and what crosses the network.
 *
 * Split point k puts the first k layers after the input (in the model's topological order) on the
 * edge and the rest in the cloud: k = 0 sends the raw input to the cloud, the last k runs
 * everything at the edge and sends only the output. The data crossing the cut is every tensor
 * produced at or before position k and consumed after it (or an output of the network), so a cut
 * inside a residual or inception block carries several tensors.
 */
struct SplitPoint
{
    uint32_t index{0};     //!< k: layers after the input that run at the edge
    std::string name;      //!< the last layer at the edge ("input" for k = 0)
    uint64_t edgeMacs{0};  //!< multiply-accumulates at the edge
    uint64_t cloudMacs{0}; //!< multiply-accumulates in the cloud
    /// Measured edge seconds per frame, for profiles measured on hardware; NaN when costs are MACs.
    double edgeSeconds{std::numeric_limits<double>::quiet_NaN()};
    /// Measured cloud seconds per frame, for profiles measured on hardware; NaN when costs are
    /// MACs.
    double cloudSeconds{std::numeric_limits<double>::quiet_NaN()};
    uint64_t bytes{0};               //!< bytes crossing the cut per frame
    double dataRatio{0};             //!< bytes over the raw input's bytes (the paper's r_k)
    double edgeMacsPerInputByte{0};  //!< edge MACs per input byte (the paper's l_k)
    CrossingTensors crossingTensors; //!< the layers whose outputs cross the cut
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SPLIT_POINT_H */
