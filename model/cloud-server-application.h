/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CLOUD_SERVER_APPLICATION_H
#define CLOUD_SERVER_APPLICATION_H

#include "edge-dnn-inference-server-application.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A cloud server: it receives the data crossing each frame's cut from edge servers, runs the
 * remaining layers (the MACs, or the measured seconds of a profile, that the edge states in the
 * message) on its workers, and sends the result, of the size the device asked for, back to the edge
 * server.
 */
class CloudServerApplication : public InferenceServerApplication
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CloudServerApplication();
    ~CloudServerApplication() override;

  protected:
    void DoDispose() override;
    void HandleMessage(const EdgeDnnHeader& header, const ReplyPath& reply) override;
    void HandleJobStarted(EdgeDnnHeader& header) override;
    void HandleJobFinished(EdgeDnnHeader& header) override;

  private:
    /// Where each frame in work is answered, by (task, frame).
    std::map<std::pair<uint32_t, uint32_t>, ReplyPath> m_replies;

    TracedCallback<const EdgeDnnHeader&> m_resultSent; //!< a result handed to the socket
};

} // namespace edgednn
} // namespace ns3

#endif /* CLOUD_SERVER_APPLICATION_H */
