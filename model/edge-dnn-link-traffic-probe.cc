/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-link-traffic-probe.h"

#include "edge-dnn-error.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("LinkTrafficProbe");

LinkTrafficProbe::LinkTrafficProbe(Time binWidth, Callback<void> rowAdded)
    : m_width(binWidth.GetTimeStep()),
      m_rowAdded(rowAdded)
{
    NS_ABORT_MSG_IF(m_width <= 0, "LinkTrafficProbe: bin width must be > 0");
}

void
LinkTrafficProbe::AddLink(const std::string& name,
                          Ptr<NetDevice> tx,
                          Ptr<NetDevice> rx,
                          bool toCloud)
{
    NS_LOG_FUNCTION(this << name << tx << rx << toCloud);
    if (!tx)
    {
        throw EdgeDnnError("link '" + name + "': no transmitting device");
    }
    m_links.push_back(LinkState());
    LinkState* link = &m_links.back();
    link->name = name;
    link->toCloud = toCloud;
    if (!tx->TraceConnectWithoutContext("PhyTxEnd",
                                        MakeCallback(&LinkTrafficProbe::OnTx, this, link)) &&
        !tx->TraceConnectWithoutContext("MacTx", MakeCallback(&LinkTrafficProbe::OnTx, this, link)))
    {
        m_links.pop_back();
        throw EdgeDnnError("link '" + name + "': device " + tx->GetInstanceTypeId().GetName() +
                           " has no PhyTxEnd or MacTx trace source: expected a NetDevice such "
                           "as PointToPointNetDevice or CsmaNetDevice");
    }
    tx->TraceConnectWithoutContext("MacTxDrop",
                                   MakeCallback(&LinkTrafficProbe::OnDrop, this, link));
    tx->TraceConnectWithoutContext("PhyTxDrop",
                                   MakeCallback(&LinkTrafficProbe::OnDrop, this, link));
    if (rx)
    {
        if (!rx->TraceConnectWithoutContext("PhyRxEnd",
                                            MakeCallback(&LinkTrafficProbe::OnRx, this, link)))
        {
            rx->TraceConnectWithoutContext("MacRx",
                                           MakeCallback(&LinkTrafficProbe::OnRx, this, link));
        }
        rx->TraceConnectWithoutContext("PhyRxDrop",
                                       MakeCallback(&LinkTrafficProbe::OnDrop, this, link));
    }
}

void
LinkTrafficProbe::Advance(LinkState& link, int64_t bin)
{
    while (link.bin < bin)
    {
        m_rows.push_back(Row{&link, link.bin, link.tx, link.rx, link.drops});
        link.tx = 0;
        link.rx = 0;
        link.drops = 0;
        ++link.bin;
        if (!m_rowAdded.IsNull())
        {
            m_rowAdded();
        }
    }
}

LinkTrafficProbe::LinkState&
LinkTrafficProbe::Now(LinkState* link)
{
    const int64_t bin = Simulator::Now().GetTimeStep() / m_width;
    if (bin != link->bin)
    {
        Advance(*link, bin);
    }
    return *link;
}

void
LinkTrafficProbe::OnTx(LinkState* link, Ptr<const Packet> packet)
{
    Now(link).tx += packet->GetSize();
}

void
LinkTrafficProbe::OnRx(LinkState* link, Ptr<const Packet> packet)
{
    Now(link).rx += packet->GetSize();
}

void
LinkTrafficProbe::OnDrop(LinkState* link, Ptr<const Packet> /* packet */)
{
    ++Now(link).drops;
}

void
LinkTrafficProbe::Finish(Time now)
{
    const int64_t endBin = (now.GetTimeStep() + m_width - 1) / m_width;
    for (LinkState& link : m_links)
    {
        const bool pending = link.tx != 0 || link.rx != 0 || link.drops != 0;
        Advance(link, std::max(endBin, link.bin + (pending ? 1 : 0)));
    }
}

std::size_t
LinkTrafficProbe::GetPendingRows() const
{
    return m_rows.size();
}

void
LinkTrafficProbe::Write(SqliteStatement& l, int64_t runId) const
{
    for (const Row& r : m_rows)
    {
        l.BindInt(1, runId);
        l.BindText(2, r.link->name);
        l.BindInt(3, r.link->toCloud ? 1 : 0);
        l.BindDouble(4, static_cast<double>(r.bin * m_width) / 1e9);
        l.BindDouble(5, static_cast<double>((r.bin + 1) * m_width) / 1e9);
        l.BindInt(6, static_cast<int64_t>(r.tx));
        l.BindInt(7, static_cast<int64_t>(r.rx));
        l.BindInt(8, static_cast<int64_t>(r.drops));
        l.Step();
        l.Reset();
    }
}

void
LinkTrafficProbe::ClearRows()
{
    m_rows.clear();
}

} // namespace edgednn
} // namespace ns3
