/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_ERROR_H
#define EDGE_DNN_ERROR_H

#include <stdexcept>
#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Error a user can cause with bad input: a model file, a profile, an argument.
 *
 * The message names the input (file, line or JSON path, attribute) and says what was expected, so
 * that programs can print it as it is and tests can assert it. Programming errors use
 * NS_FATAL_ERROR instead.
 */
class EdgeDnnError : public std::runtime_error
{
  public:
    /**
     * \brief Create an error.
     * \param message the complete message, naming the input and what was expected
     */
    explicit EdgeDnnError(const std::string& message);
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_ERROR_H */
