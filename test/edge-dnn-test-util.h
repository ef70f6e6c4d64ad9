/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_TEST_UTIL_H
#define EDGE_DNN_TEST_UTIL_H

// Small helpers shared by the GoogleTest files.

#include "ns3/edge-dnn-error.h"

#include <string>

namespace ns3
{
namespace edgednntest
{

/**
 * \brief The message of the EdgeDnnError a callable throws ("" if none).
 * \param f the callable
 * \return the message
 */
template <typename F>
std::string
ErrorOf(F f)
{
    try
    {
        f();
    }
    catch (const EdgeDnnError& e)
    {
        return e.what();
    }
    return "";
}

} // namespace edgednntest
} // namespace ns3

#endif /* EDGE_DNN_TEST_UTIL_H */
