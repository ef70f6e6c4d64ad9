/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// LinkRateTrace (a point-to-point link's transmit rate over time from a trace), its helper, the
// shipped bandwidth traces and their generator, and CrossTrafficHelper.

#include "edge-dnn-test-util.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/cross-traffic-helper.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-link-rate-trace.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/link-rate-trace-helper.h"
#include "ns3/names.h"
#include "ns3/packet-sink.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket.h"
#include "ns3/uinteger.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>
#include <vector>

using namespace ns3;
using namespace ns3::edgednn;
using ns3::edgednn::testutil::ErrorOf;

namespace fs = std::filesystem;

namespace
{

/// Resets what the tests change process-wide; removes the files a test wrote.
class LinkRateTraceTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() /
                ("edge-dnn-link-rate-trace-" + std::to_string(getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(m_dir);
    }

    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
        Names::Clear();
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }

    /**
     * \brief Write a file.
     * \param name its name in the test's folder
     * \param text its contents
     * \return its path
     */
    std::string Write(const std::string& name, const std::string& text) const
    {
        const std::string path = (m_dir / name).string();
        std::ofstream(path) << text;
        return path;
    }

    fs::path m_dir; //!< the test's folder
};

/// A point-to-point link between two nodes with IPv4.
struct Link
{
    NodeContainer nodes;        //!< the two nodes
    NetDeviceContainer devices; //!< their devices
    Ipv4InterfaceContainer ifs; //!< their addresses (10.1.1.1, 10.1.1.2)
};

/**
 * \param rate the link's configured rate
 * \param delay its delay
 * \param network its IPv4 network (/24)
 * \param route populate the global routes (once per run: a second time leaks the first database)
 * \return a link between two new nodes, routes populated
 */
Link
MakeLink(const std::string& rate,
         const std::string& delay,
         const char* network = "10.1.1.0",
         bool route = true)
{
    Link link;
    link.nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(rate));
    p2p.SetChannelAttribute("Delay", StringValue(delay));
    link.devices = p2p.Install(link.nodes);
    InternetStackHelper().Install(link.nodes);
    Ipv4AddressHelper addresses(network, "255.255.255.0");
    link.ifs = addresses.Assign(link.devices);
    if (route)
    {
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    }
    return link;
}

/// Payload bytes a PacketSink received, with their arrival times.
struct RxLog
{
    std::vector<std::pair<double, uint32_t>> rx; //!< (time in s, bytes)

    /**
     * \brief Count a packet.
     * \param packet the packet
     * \param from the sender
     */
    void OnRx(Ptr<const Packet> packet, const Address& /* from */)
    {
        rx.emplace_back(Simulator::Now().GetSeconds(), packet->GetSize());
    }

    /**
     * \param from start (s)
     * \param to end (s)
     * \return bytes received in [from, to)
     */
    double Bytes(double from, double to) const
    {
        double bytes = 0;
        for (const auto& [t, b] : rx)
        {
            bytes += (t >= from && t < to) ? b : 0;
        }
        return bytes;
    }
};

/// The Rate trace source's calls.
struct RateLog
{
    std::vector<std::pair<double, uint64_t>> calls; //!< (time in s, bit/s)

    /**
     * \brief Count a call.
     * \param rate the rate
     */
    void OnRate(DataRate rate)
    {
        calls.emplace_back(Simulator::Now().GetSeconds(), rate.GetBitRate());
    }
};

/**
 * \param points (s, bit/s)
 * \return the points as LinkRateTrace takes them
 */
std::vector<LinkRateTrace::Point>
Points(const std::vector<std::pair<double, uint64_t>>& points)
{
    std::vector<LinkRateTrace::Point> result;
    for (const auto& [t, r] : points)
    {
        result.emplace_back(Seconds(t), DataRate(r));
    }
    return result;
}

} // namespace

TEST_F(LinkRateTraceTest, SaturatedUdpFlowGetsTheTracedRateInEachInterval)
{
    Link link = MakeLink("1Gbps", "1ms");
    LinkRateTraceHelper helper(Write("ten-five.csv",
                                     "# 10 Mbit/s, then 5 Mbit/s from 2 s\n"
                                     "time_s,rate_bps\n"
                                     "0,10000000\n"
                                     "2,5e6\n"));
    Ptr<LinkRateTrace> trace = helper.Install(link.devices.Get(0));
    RateLog rates;
    // Found through the device, by Config.
    EXPECT_EQ(Config::LookupMatches("/NodeList/*/DeviceList/*/$ns3::LinkRateTrace").GetN(), 1u);
    Config::ConnectWithoutContext("/NodeList/*/DeviceList/*/$ns3::LinkRateTrace/Rate",
                                  MakeCallback(&RateLog::OnRate, &rates));
    EXPECT_EQ(trace->GetDevice(), link.devices.Get(0));

    const uint32_t payload = 1000;
    CrossTrafficHelper cross(CrossTrafficHelper::UDP, 5000);
    cross.SetConstantRate(DataRate("20Mbps"), payload); // twice the link: saturating
    cross.SetStartStop(Seconds(0.1), Seconds(4.5));
    ApplicationContainer apps =
        cross.Install(link.nodes.Get(0), link.nodes.Get(1), link.ifs.GetAddress(1));
    RxLog log;
    apps.Get(1)->TraceConnectWithoutContext("Rx", MakeCallback(&RxLog::OnRx, &log));
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    // On the wire per packet: payload + UDP 8 + IPv4 20 + PPP 2 bytes.
    const double efficiency = double(payload) / (payload + 8 + 20 + 2);
    const double first = 10e6 / 8 * 1.5 * efficiency; // [0.5, 2) s at 10 Mbit/s
    const double second = 5e6 / 8 * 1.5 * efficiency; // [2.5, 4) s at 5 Mbit/s
    const double got1 = log.Bytes(0.5, 2.0);
    const double got2 = log.Bytes(2.5, 4.0);
    std::cout << "[ measured ] 10 Mbit/s: " << got1 << " B of " << first << " (" << got1 / first
              << "); 5 Mbit/s: " << got2 << " B of " << second << " (" << got2 / second << ")\n";
    EXPECT_NEAR(got1 / first, 1.0, 0.01);
    EXPECT_NEAR(got2 / second, 1.0, 0.01);

    ASSERT_EQ(rates.calls.size(), 2u);
    EXPECT_EQ(rates.calls[0], std::make_pair(0.0, uint64_t(10000000)));
    EXPECT_EQ(rates.calls[1], std::make_pair(2.0, uint64_t(5000000)));
    DataRateValue now;
    link.devices.Get(0)->GetAttribute("DataRate", now);
    EXPECT_EQ(now.Get(), DataRate(5000000));
    // The other direction is left alone.
    link.devices.Get(1)->GetAttribute("DataRate", now);
    EXPECT_EQ(now.Get(), DataRate("1Gbps"));
}

TEST_F(LinkRateTraceTest, GetRateAtIsPiecewiseConstant)
{
    Ptr<LinkRateTrace> trace = CreateObject<LinkRateTrace>();
    trace->SetPoints(Points({{1, 10000000}, {2, 5000000}, {4, 8000000}}));
    EXPECT_EQ(trace->GetRateAt(Seconds(0)), DataRate(0)); // before the first point: none
    EXPECT_EQ(trace->GetRateAt(Seconds(1)), DataRate(10000000));
    EXPECT_EQ(trace->GetRateAt(Seconds(1.999)), DataRate(10000000));
    EXPECT_EQ(trace->GetRateAt(Seconds(2)), DataRate(5000000));
    EXPECT_EQ(trace->GetRateAt(Seconds(3.5)), DataRate(5000000));
    EXPECT_EQ(trace->GetRateAt(Seconds(4)), DataRate(8000000));
    EXPECT_EQ(trace->GetRateAt(Seconds(1000)), DataRate(8000000)); // no Loop: the last holds
    EXPECT_EQ(trace->GetPeriod(), Seconds(6));                     // 4 + (4 - 2)
    EXPECT_EQ(trace->GetDevice(), nullptr);
}

TEST_F(LinkRateTraceTest, RateScaleAndTimeScaleMultiplyThePoints)
{
    Ptr<LinkRateTrace> trace = CreateObject<LinkRateTrace>();
    trace->SetPoints(Points({{0, 10000000}, {2, 5000000}}));
    trace->SetAttribute("RateScale", DoubleValue(0.5));
    trace->SetAttribute("TimeScale", DoubleValue(2));
    const std::vector<LinkRateTrace::Point> points = trace->GetPoints();
    ASSERT_EQ(points.size(), 2u);
    EXPECT_EQ(points[0], LinkRateTrace::Point(Seconds(0), DataRate(5000000)));
    EXPECT_EQ(points[1], LinkRateTrace::Point(Seconds(4), DataRate(2500000)));
    EXPECT_EQ(trace->GetRateAt(Seconds(3.9)), DataRate(5000000));
    EXPECT_EQ(trace->GetRateAt(Seconds(4)), DataRate(2500000));

    // The same through the helper, on a running link.
    Link link = MakeLink("1Gbps", "1ms");
    LinkRateTraceHelper helper(Write("t.csv", "time_s,rate_bps\n0,10000000\n2,5000000\n"));
    helper.SetAttribute("RateScale", DoubleValue(0.5));
    helper.SetAttribute("TimeScale", UintegerValue(2)); // an exact integer is taken
    RateLog rates;
    helper.Install(link.devices.Get(0))
        ->TraceConnectWithoutContext("Rate", MakeCallback(&RateLog::OnRate, &rates));
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    ASSERT_EQ(rates.calls.size(), 2u);
    EXPECT_EQ(rates.calls[0], std::make_pair(0.0, uint64_t(5000000)));
    EXPECT_EQ(rates.calls[1], std::make_pair(4.0, uint64_t(2500000)));
    EXPECT_NE(ErrorOf([&] { helper.SetAttribute("RateScale", DoubleValue(0)); })
                  .find("ns3::LinkRateTrace::RateScale: invalid value '0'; expected a "
                        "DoubleValue in (0, 1e+06]"),
              std::string::npos);
}

TEST_F(LinkRateTraceTest, LoopRepeatsWithTheDocumentedPeriod)
{
    Ptr<LinkRateTrace> trace = CreateObject<LinkRateTrace>();
    trace->SetAttribute("Loop", BooleanValue(true));
    // Period 3 + (3 - 1) = 5 s; the first point at 0.5 s: [0, 0.5) of later cycles keeps 8 Mbit/s.
    trace->SetPoints(Points({{0.5, 10000000}, {1, 5000000}, {3, 8000000}}));
    EXPECT_EQ(trace->GetPeriod(), Seconds(5));
    EXPECT_EQ(trace->GetRateAt(Seconds(0.2)), DataRate(0));
    EXPECT_EQ(trace->GetRateAt(Seconds(4.9)), DataRate(8000000));
    EXPECT_EQ(trace->GetRateAt(Seconds(5.2)), DataRate(8000000));
    EXPECT_EQ(trace->GetRateAt(Seconds(5.5)), DataRate(10000000));
    EXPECT_EQ(trace->GetRateAt(Seconds(6.2)), DataRate(5000000));
    EXPECT_EQ(trace->GetRateAt(Seconds(13)), DataRate(8000000));
    EXPECT_EQ(trace->GetRateAt(Seconds(15.5)), DataRate(10000000));

    Link link = MakeLink("1Gbps", "1ms");
    RateLog rates;
    trace->TraceConnectWithoutContext("Rate", MakeCallback(&RateLog::OnRate, &rates));
    trace->Install(link.devices.Get(0));
    Simulator::Stop(Seconds(11.2));
    Simulator::Run();
    const std::vector<std::pair<double, uint64_t>> expected = {{0.5, 10000000},
                                                               {1, 5000000},
                                                               {3, 8000000},
                                                               {5.5, 10000000},
                                                               {6, 5000000},
                                                               {8, 8000000},
                                                               {10.5, 10000000},
                                                               {11, 5000000}};
    EXPECT_EQ(rates.calls, expected);
    // Each call is the rate GetRateAt gives at its time.
    for (const auto& [t, r] : rates.calls)
    {
        EXPECT_EQ(trace->GetRateAt(Seconds(t)).GetBitRate(), r) << t;
    }
}

TEST_F(LinkRateTraceTest, InstalledLaterAppliesTheRateInEffectAtOnce)
{
    Link link = MakeLink("1Gbps", "1ms");
    Ptr<LinkRateTrace> trace = CreateObject<LinkRateTrace>();
    trace->SetPoints(Points({{0, 10000000}, {1, 5000000}, {2, 8000000}}));
    RateLog rates;
    trace->TraceConnectWithoutContext("Rate", MakeCallback(&RateLog::OnRate, &rates));
    DataRate atInstall;
    Simulator::Schedule(Seconds(1.5), [&]() {
        trace->Install(link.devices.Get(0));
        DataRateValue v;
        link.devices.Get(0)->GetAttribute("DataRate", v);
        atInstall = v.Get();
    });
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(atInstall, DataRate(5000000)); // set at once
    const std::vector<std::pair<double, uint64_t>> expected = {{1.5, 5000000}, {2, 8000000}};
    EXPECT_EQ(rates.calls, expected);
}

TEST_F(LinkRateTraceTest, BadFilesNameTheFileTheLineAndWhatWasExpected)
{
    const auto errorOf = [&](const std::string& name, const std::string& text) {
        Ptr<LinkRateTrace> trace = CreateObject<LinkRateTrace>();
        trace->SetAttribute("File", StringValue(Write(name, text)));
        return ErrorOf([&] { trace->GetPoints(); });
    };
    const std::string dir = m_dir.string() + "/";
    const std::string header = "time_s,rate_bps\n";
    EXPECT_EQ(errorOf("header.csv", "# a trace\ntime,rate\n0,1\n"),
              dir + "header.csv:2: header 'time,rate'; expected the header time_s,rate_bps");
    EXPECT_EQ(errorOf("word.csv", "# c\n" + header + "0,1e6\n1,abc\n"),
              dir + "word.csv:4: rate 'abc' is not a number; expected the rate in bit/s");
    EXPECT_EQ(errorOf("time-word.csv", header + "x,1e6\n"),
              dir + "time-word.csv:2: time 'x' is not a number; expected the time in seconds");
    EXPECT_EQ(errorOf("three.csv", header + "0,1,2\n"),
              dir + "three.csv:2: '0,1,2' is not a row of two fields; expected time_s,rate_bps "
                    "(two numbers separated by a comma)");
    EXPECT_EQ(errorOf("one.csv", header + "0\n"),
              dir + "one.csv:2: '0' is not a row of two fields; expected time_s,rate_bps (two "
                    "numbers separated by a comma)");
    EXPECT_EQ(errorOf("trailing.csv", header + "0,1e6 bps\n"),
              dir + "trailing.csv:2: rate '1e6 bps' is not a number; expected the rate in bit/s");
    EXPECT_EQ(errorOf("same.csv", header + "0,1e6\n\n1,2e6\n1,3e6\n"),
              dir + "same.csv:5: time 1 s; expected a time after the previous row's 1 s (" + dir +
                  "same.csv:4; times strictly increasing)");
    EXPECT_EQ(errorOf("back.csv", header + "2,1e6\n1,2e6\n"),
              dir + "back.csv:3: time 1 s; expected a time after the previous row's 2 s (" + dir +
                  "back.csv:2; times strictly increasing)");
    EXPECT_EQ(errorOf("negative.csv", header + "-1,1e6\n"),
              dir + "negative.csv:2: time -1 s; expected a time >= 0");
    EXPECT_EQ(errorOf("zero.csv", header + "0,0\n"),
              dir + "zero.csv:2: rate 0 bit/s; expected a rate > 0");
    EXPECT_EQ(errorOf("below.csv", header + "0,-5e6\n"),
              dir + "below.csv:2: rate -5e6 bit/s; expected a rate > 0");
    EXPECT_EQ(errorOf("nan.csv", header + "0,nan\n"),
              dir + "nan.csv:2: rate 'nan' is not finite; expected a rate in bit/s > 0");
    EXPECT_EQ(errorOf("inf.csv", header + "inf,1e6\n"),
              dir + "inf.csv:2: time 'inf' is not finite; expected a time in seconds >= 0");
    EXPECT_EQ(errorOf("empty.csv", "# nothing\n" + header),
              dir +
                  "empty.csv: no rows after the header; expected at least one row time_s,rate_bps");
    EXPECT_EQ(errorOf("blank.csv", ""),
              dir +
                  "blank.csv: no header; expected the header time_s,rate_bps and at least one row");
    EXPECT_EQ(errorOf("tiny.csv", header + "0,0.4\n"),
              dir +
                  "tiny.csv:2: rate 0.4 bit/s x RateScale 1 = 0.4 bit/s; expected a rate in [1, " +
                  "1e+13] bit/s");
    // Spaces, CRLF line ends and blank lines are taken.
    Ptr<LinkRateTrace> trace = CreateObject<LinkRateTrace>();
    trace->SetAttribute("File",
                        StringValue(Write("ok.csv", " time_s , rate_bps\r\n\r\n 0 , 1e6\r\n")));
    EXPECT_EQ(trace->GetPoints().size(), 1u);

    const std::string missing = dir + "missing.csv";
    Ptr<LinkRateTrace> none = CreateObject<LinkRateTrace>();
    none->SetAttribute("File", StringValue(missing));
    EXPECT_EQ(ErrorOf([&] { none->GetRateAt(Seconds(1)); }),
              missing +
                  ": cannot open the bandwidth trace: No such file or directory; expected a CSV "
                  "file with the header time_s,rate_bps");
    // Install reports the same, and leaves the device alone.
    Link link = MakeLink("1Gbps", "1ms");
    EXPECT_NE(ErrorOf([&] { none->Install(link.devices.Get(0)); }).find(missing + ": cannot open"),
              std::string::npos);
    EXPECT_EQ(link.devices.Get(0)->GetObject<LinkRateTrace>(), nullptr);
    EXPECT_EQ(ErrorOf([&] { CreateObject<LinkRateTrace>()->GetPoints(); }),
              "LinkRateTrace: no points; expected the attribute File (a CSV trace) or SetPoints");
}

TEST_F(LinkRateTraceTest, BadPointsAreRefused)
{
    Ptr<LinkRateTrace> trace = CreateObject<LinkRateTrace>();
    EXPECT_EQ(ErrorOf([&] { trace->SetPoints({}); }),
              "LinkRateTrace::SetPoints: no points; expected at least one");
    EXPECT_EQ(ErrorOf([&] {
                  trace->SetPoints(Points({{1, 10}, {1, 20}}));
              }),
              "LinkRateTrace::SetPoints: point 1: time 1 s; expected a time after the previous "
              "point's 1 s (strictly increasing)");
    EXPECT_EQ(ErrorOf([&] {
                  trace->SetPoints(Points({{0, 0}}));
              }),
              "LinkRateTrace::SetPoints: point 0: rate 0 bit/s; expected a rate > 0");
    EXPECT_EQ(ErrorOf([&] {
                  trace->SetPoints({{Seconds(-1), DataRate(5)}});
              }),
              "LinkRateTrace::SetPoints: point 0: time -1 s; expected a time >= 0");
    trace->SetPoints(Points({{0, 10}}));
    trace->SetAttribute("File", StringValue("x.csv"));
    EXPECT_EQ(ErrorOf([&] { trace->GetPoints(); }),
              "LinkRateTrace: both File ('x.csv') and SetPoints give points; expected one of them");
}

TEST_F(LinkRateTraceTest, InstallTakesOnlyPointToPointDevicesOnce)
{
    NodeContainer nodes(2);
    CsmaHelper csma;
    NetDeviceContainer lan = csma.Install(nodes);
    Ptr<LinkRateTrace> trace = CreateObject<LinkRateTrace>();
    trace->SetPoints(Points({{0, 1000000}}));
    EXPECT_EQ(ErrorOf([&] { trace->Install(lan.Get(0)); }),
              "LinkRateTrace::Install: ns3::CsmaNetDevice (device 0 of node 0) is not a "
              "PointToPointNetDevice; expected an ns3::PointToPointNetDevice, whose DataRate "
              "attribute sets its transmit rate");
    EXPECT_EQ(ErrorOf([&] { trace->Install(nullptr); }),
              "LinkRateTrace::Install: no device; expected a PointToPointNetDevice");

    // No traffic here: no routes (populating ns-3's global routes twice in one run leaks the
    // first database).
    Link link = MakeLink("1Gbps", "1ms", "10.1.1.0", false);
    trace->Install(link.devices.Get(0));
    EXPECT_EQ(link.devices.Get(0)->GetObject<LinkRateTrace>(), trace);
    EXPECT_EQ(ErrorOf([&] { trace->Install(link.devices.Get(1)); }),
              "LinkRateTrace::Install: this trace drives a device already "
              "(ns3::PointToPointNetDevice); expected a new LinkRateTrace for each device");
    Ptr<LinkRateTrace> second = CreateObject<LinkRateTrace>();
    second->SetPoints(Points({{0, 2000000}}));
    EXPECT_EQ(ErrorOf([&] { second->Install(link.devices.Get(0)); }),
              "LinkRateTrace::Install: ns3::PointToPointNetDevice (device 0 of node 2) has a "
              "LinkRateTrace already; expected one trace per device (a second one would fight "
              "over its DataRate)");
    // Both directions: one trace on each end.
    LinkRateTraceHelper helper;
    helper.SetAttribute("File", StringValue(Write("step.csv", "time_s,rate_bps\n0,1e8\n20,5e7\n")));
    Link other = MakeLink("1Gbps", "1ms", "10.1.2.0", false);
    EXPECT_EQ(helper.Install(other.devices).size(), 2u);
    EXPECT_EQ(Config::LookupMatches("/NodeList/*/DeviceList/*/$ns3::LinkRateTrace").GetN(), 3u);
}

TEST_F(LinkRateTraceTest, ShippedTracesParseAsDocumented)
{
    const std::string dir = std::string(EDGE_DNN_SOURCE_DIR) + "/data/bandwidth/";
    Ptr<LinkRateTrace> step = CreateObject<LinkRateTrace>();
    step->SetAttribute("File", StringValue(dir + "step-half.csv"));
    const std::vector<LinkRateTrace::Point> expected = {{Seconds(0), DataRate("100Mbps")},
                                                        {Seconds(20), DataRate("50Mbps")}};
    EXPECT_EQ(step->GetPoints(), expected);
    EXPECT_EQ(step->GetPeriod(), Seconds(40));
    step->SetAttribute("RateScale", DoubleValue(0.1)); // as documented: 10 then 5 Mbit/s
    EXPECT_EQ(step->GetRateAt(Seconds(19.9)), DataRate("10Mbps"));
    EXPECT_EQ(step->GetRateAt(Seconds(20)), DataRate("5Mbps"));

    Ptr<LinkRateTrace> daily = CreateObject<LinkRateTrace>();
    daily->SetAttribute("File", StringValue(dir + "daily.csv"));
    daily->SetAttribute("TimeScale", DoubleValue(1.0 / 1440));
    const std::vector<LinkRateTrace::Point> day = daily->GetPoints();
    ASSERT_EQ(day.size(), 1440u);
    EXPECT_NEAR(daily->GetPeriod().GetSeconds(), 60, 1e-6); // the day in a minute (to the ns)
    // Quiet at 05:00, busy at 21:00.
    EXPECT_GT(day[5 * 60].second.GetBitRate(), 85000000u);
    EXPECT_LT(day[21 * 60].second.GetBitRate(), 45000000u);

    Ptr<LinkRateTrace> cellular = CreateObject<LinkRateTrace>();
    cellular->SetAttribute("File", StringValue(dir + "cellular.csv"));
    EXPECT_EQ(cellular->GetPoints().size(), 300u);
    EXPECT_EQ(cellular->GetPeriod(), Seconds(300));
}

TEST_F(LinkRateTraceTest, GeneratorReproducesTheShippedTracesByteForByte)
{
    const std::string source = EDGE_DNN_SOURCE_DIR;
    const std::string command = "python3 " + source + "/tools/make-bandwidth-traces.py --out " +
                                m_dir.string() + " > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    for (const std::string name : {"step-half.csv", "daily.csv", "cellular.csv"})
    {
        const auto slurp = [](const std::string& path) {
            std::ifstream in(path, std::ios::binary);
            std::stringstream s;
            s << in.rdbuf();
            return s.str();
        };
        const std::string shipped = slurp(source + "/data/bandwidth/" + name);
        EXPECT_FALSE(shipped.empty()) << name;
        EXPECT_EQ(slurp((m_dir / name).string()), shipped) << name;
        EXPECT_EQ(shipped.rfind("# SYNTHETIC bandwidth trace", 0), 0u) << name;
    }
}

TEST_F(LinkRateTraceTest, BulkSendSaturatesATraceDrivenLink)
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Link link = MakeLink("1Gbps", "5ms");
    Ptr<LinkRateTrace> trace = CreateObject<LinkRateTrace>();
    trace->SetPoints(Points({{0, 8000000}, {3, 4000000}}));
    trace->Install(link.devices.Get(0));
    CrossTrafficHelper cross(CrossTrafficHelper::TCP, 8000);
    cross.SetBulkSend();
    cross.SetStartStop(Seconds(0.1), Time());
    ApplicationContainer apps =
        cross.Install(link.nodes.Get(0), link.nodes.Get(1), link.ifs.GetAddress(1));
    EXPECT_EQ(apps.Get(0)->GetInstanceTypeId().GetName(), "ns3::BulkSendApplication");
    RxLog log;
    apps.Get(1)->TraceConnectWithoutContext("Rx", MakeCallback(&RxLog::OnRx, &log));
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    // On the wire per segment: 1448 + TCP 20 + timestamps 12 + IPv4 20 + PPP 2 bytes.
    const double efficiency = 1448.0 / (1448 + 20 + 12 + 20 + 2);
    const double first = log.Bytes(1, 3) / (8e6 / 8 * 2 * efficiency);
    const double second = log.Bytes(4, 6) / (4e6 / 8 * 2 * efficiency);
    std::cout << "[ measured ] BulkSend utilisation: " << first << " at 8 Mbit/s, " << second
              << " at 4 Mbit/s\n";
    EXPECT_GT(first, 0.95);
    EXPECT_LT(first, 1.01);
    EXPECT_GT(second, 0.95);
    EXPECT_LT(second, 1.01);
}
