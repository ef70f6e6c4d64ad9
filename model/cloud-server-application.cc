/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cloud-server-application.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("CloudServerApplication");

NS_OBJECT_ENSURE_REGISTERED(CloudServerApplication);

TypeId
CloudServerApplication::GetTypeId()
{
    static TypeId tid =
        AddServerAttributes(TypeId("ns3::CloudServerApplication")
                                .SetParent<InferenceServerApplication>()
                                .SetGroupName("EdgeDnn")
                                .AddConstructor<CloudServerApplication>(),
                            9100,
                            8,
                            1e12,
                            1024)
            .AddTraceSource("ResultSent",
                            "A result was handed to the socket back to the edge server",
                            MakeTraceSourceAccessor(&CloudServerApplication::m_resultSent),
                            "ns3::edgednn::EdgeDnnHeader::TracedCallback");
    return tid;
}

CloudServerApplication::CloudServerApplication()
{
    NS_LOG_FUNCTION(this);
}

CloudServerApplication::~CloudServerApplication()
{
    NS_LOG_FUNCTION(this);
}

void
CloudServerApplication::DoDispose()
{
    m_replies.clear();
    InferenceServerApplication::DoDispose();
}

void
CloudServerApplication::HandleMessage(const EdgeDnnHeader& received, const ReplyPath& reply)
{
    if (received.GetMessageType() != EdgeDnnHeader::FEATURES)
    {
        NS_LOG_WARN(Describe() << " ignores a " << received);
        return;
    }
    EdgeDnnHeader header = received;
    header.SetTime(EdgeDnnHeader::CLOUD_RX, Simulator::Now());
    m_replies[{header.GetTaskId(), header.GetFrameSeq()}] = reply;
    if (!SubmitJob(header,
                   ComputeTime(header.GetCloudMacs(), header.GetCloudWork()),
                   header.GetCloudMacs()))
    {
        m_replies.erase({header.GetTaskId(), header.GetFrameSeq()});
    }
}

void
CloudServerApplication::HandleJobStarted(EdgeDnnHeader& header)
{
    header.SetTime(EdgeDnnHeader::CLOUD_START, Simulator::Now());
}

void
CloudServerApplication::HandleJobFinished(EdgeDnnHeader& header)
{
    header.SetTime(EdgeDnnHeader::CLOUD_DONE, Simulator::Now());
    auto it = m_replies.find({header.GetTaskId(), header.GetFrameSeq()});
    if (it == m_replies.end())
    {
        return;
    }
    const ReplyPath reply = it->second;
    m_replies.erase(it);
    header.SetMessageType(EdgeDnnHeader::RESULT);
    header.SetPayloadSize(header.GetResultSize());
    reply.sender->Send(header, reply.to);
    m_resultSent(header);
}

} // namespace edgednn
} // namespace ns3
