/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-scheduling-problem-format.h"

#include "cnn-model-zoo.h"
#include "edge-dnn-error.h"
#include "edge-dnn-json-input.h"
#include "edge-dnn-split-profile-format.h"

#include "ns3/log.h"

#include <limits>
#include <map>
#include <memory>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("SchedulingProblemFormat");

namespace
{

/// The largest header, segment or MTU size a transport path takes (B): an IPv4 datagram's.
constexpr uint64_t MAX_PACKET_BYTES = 65535;

/// The largest one-way propagation delay a transport path takes (s).
constexpr double MAX_PROPAGATION_S = 1e6;

/**
 * \brief A finite number > 0.
 * \param in the document
 * \param v the value
 * \param path its JSON path
 * \return the number
 */
double
PositiveNumber(const JsonInput& in, const JsonValue& v, const std::string& path)
{
    if (!v.is_number() || !(v.get<double>() > 0.0) || !std::isfinite(v.get<double>()))
    {
        in.Expected(v, path, "a number > 0");
    }
    return v.get<double>();
}

/**
 * \brief A server's "transport" entry.
 * \param in the document
 * \param v the entry
 * \param path its JSON path
 * \return the path it describes
 */
TransportPath
ReadTransport(const JsonInput& in, const JsonValue& v, const std::string& path)
{
    const auto& o = in.Object(v, path);
    in.OnlyFields(o,
                  path,
                  {"protocol",
                   "segment_bytes",
                   "transport_header_bytes",
                   "network_header_bytes",
                   "link_header_bytes",
                   "mtu_bytes",
                   "propagation_s",
                   "pace_burst_segments"},
                  "a transport path");
    TransportPath t;
    const std::string protocol = in.String(in.Field(o, "protocol", path), path + "/protocol");
    if (protocol == "ideal")
    {
        in.OnlyFields(o, path, {"protocol"}, "an ideal transport path (protocol only)");
        return t;
    }
    if (protocol == "tcp")
    {
        t.protocol = TransportPath::TCP;
    }
    else if (protocol == "udp")
    {
        t.protocol = TransportPath::UDP;
    }
    else
    {
        in.Expected(o.at("protocol"), path + "/protocol", "\"tcp\", \"udp\" or \"ideal\"");
    }
    // Sizes within an IPv4 datagram: larger values are no packet's, and their sums in Validate
    // and the cost model must not wrap around 32 bits.
    const auto bytes = [&](const char* name, uint64_t min) {
        const JsonValue& v = in.Field(o, name, path);
        const uint64_t value = in.Integer(v, path + "/" + name, min);
        if (value > MAX_PACKET_BYTES)
        {
            in.Expected(v,
                        path + "/" + name,
                        "an integer from " + std::to_string(min) + " to " +
                            std::to_string(MAX_PACKET_BYTES) + " (an IPv4 datagram's limit)");
        }
        return static_cast<uint32_t>(value);
    };
    t.segmentBytes = bytes("segment_bytes", 1);
    t.transportHeaderBytes = bytes("transport_header_bytes", 0);
    t.networkHeaderBytes = bytes("network_header_bytes", 0);
    t.linkHeaderBytes = bytes("link_header_bytes", 0);
    t.mtuBytes = bytes("mtu_bytes", 1);
    if (o.count("pace_burst_segments") != 0)
    {
        const JsonValue& burst = o.at("pace_burst_segments");
        const uint64_t segments = in.Integer(burst, path + "/pace_burst_segments", 1);
        if (segments > TransportPath::MAX_PACE_BURST_SEGMENTS)
        {
            in.Expected(burst,
                        path + "/pace_burst_segments",
                        "an integer from 1 to " +
                            std::to_string(TransportPath::MAX_PACE_BURST_SEGMENTS));
        }
        t.paceBurstSegments = static_cast<uint32_t>(segments);
    }
    const JsonValue& propagation = in.Field(o, "propagation_s", path);
    const double seconds = in.NonNegativeNumber(propagation, path + "/propagation_s");
    if (seconds > MAX_PROPAGATION_S)
    {
        // Larger values overflow ns-3's Time (about 9.2e9 s at its default resolution).
        in.Expected(propagation, path + "/propagation_s", "a number of seconds from 0 to 1e6");
    }
    t.propagation = Seconds(seconds);
    try
    {
        t.Validate(path);
    }
    catch (const EdgeDnnError& e)
    {
        in.Fail(path, e.what());
    }
    return t;
}

} // namespace

SchedulingProblem
SchedulingProblemFormat::ReadFile(const std::string& path)
{
    const std::string text = JsonInput::ReadFile(path);
    const auto slash = path.find_last_of('/');
    return ParseJson(text, path, slash == std::string::npos ? "" : path.substr(0, slash));
}

SchedulingProblem
SchedulingProblemFormat::ParseJson(const std::string& text,
                                   const std::string& source,
                                   const std::string& baseDir)
{
    const JsonInput in(text, source);
    const auto& root = in.Object(in.GetRoot(), "");
    in.OnlyFields(root, "", {"latency_model", "cloud", "servers", "tasks"}, "a scheduling problem");
    SchedulingProblem problem;

    if (auto it = root.find("latency_model"); it != root.end())
    {
        const std::string name = in.String(it.value(), "/latency_model");
        if (name != LatencyModelName(LatencyModel::TRANSFER) &&
            name != LatencyModelName(LatencyModel::END_TO_END))
        {
            in.Expected(it.value(), "/latency_model", "\"transfer\" or \"end-to-end\"");
        }
        problem.SetLatencyModel(ParseLatencyModel(name, source + ": /latency_model"));
    }
    if (auto it = root.find("cloud"); it != root.end())
    {
        const auto& cloud = in.Object(it.value(), "/cloud");
        in.OnlyFields(cloud, "/cloud", {"compute_macs_per_s"}, "the cloud");
        problem.SetCloudCapacity(PositiveNumber(in,
                                                in.Field(cloud, "compute_macs_per_s", "/cloud"),
                                                "/cloud/compute_macs_per_s"));
    }
    else if (problem.GetLatencyModel() == LatencyModel::END_TO_END)
    {
        in.Fail("", "the end-to-end latency model needs 'cloud' with 'compute_macs_per_s'");
    }

    const auto& servers = in.Array(in.Field(root, "servers", ""), "/servers");
    if (servers.empty())
    {
        in.Fail("/servers", "expected at least one server");
    }
    for (std::size_t i = 0; i < servers.size(); ++i)
    {
        const std::string path = "/servers/" + std::to_string(i);
        const auto& o = in.Object(servers[i], path);
        in.OnlyFields(o,
                      path,
                      {"id",
                       "compute_macs_per_s",
                       "uplink_bps",
                       "usable_share",
                       "workers",
                       "transport",
                       "queue_bound_s"},
                      "a server");
        EdgeServer s;
        s.id = in.String(in.Field(o, "id", path), path + "/id");
        if (s.id.empty())
        {
            in.Fail(path + "/id", "expected a non-empty id");
        }
        if (problem.FindServer(s.id) >= 0)
        {
            in.Fail(path + "/id", "duplicate server id '" + s.id + "'");
        }
        s.computeMacsPerS = PositiveNumber(in,
                                           in.Field(o, "compute_macs_per_s", path),
                                           path + "/compute_macs_per_s");
        s.uplinkBps = PositiveNumber(in, in.Field(o, "uplink_bps", path), path + "/uplink_bps");
        if (auto it = o.find("usable_share"); it != o.end())
        {
            const auto& v = it.value();
            if (!v.is_number() || !(v.get<double>() > 0.0 && v.get<double>() <= 1.0))
            {
                in.Expected(v, path + "/usable_share", "a number in (0, 1]");
            }
            s.usableShare = v.get<double>();
        }
        if (auto it = o.find("workers"); it != o.end())
        {
            const uint64_t workers = in.Integer(it.value(), path + "/workers", 1);
            if (workers > std::numeric_limits<uint32_t>::max())
            {
                in.Expected(it.value(), path + "/workers", "a positive integer up to 4294967295");
            }
            s.workers = static_cast<uint32_t>(workers);
        }
        if (auto it = o.find("transport"); it != o.end())
        {
            s.uplink = ReadTransport(in, it.value(), path + "/transport");
        }
        if (auto it = o.find("queue_bound_s"); it != o.end())
        {
            s.queueBoundS = PositiveNumber(in, it.value(), path + "/queue_bound_s");
        }
        try
        {
            problem.AddServer(s);
        }
        catch (const EdgeDnnError& e)
        {
            in.Fail(path, e.what());
        }
    }

    // Profiles shared between tasks: zoo models by (name, feature bytes), files by path.
    std::map<std::pair<std::string, double>, std::shared_ptr<const SplitProfile>> zoo;
    std::map<std::string, std::shared_ptr<const SplitProfile>> files;
    std::map<std::string, std::size_t> taskIds;

    const auto& tasks = in.Array(in.Field(root, "tasks", ""), "/tasks");
    for (std::size_t j = 0; j < tasks.size(); ++j)
    {
        const std::string path = "/tasks/" + std::to_string(j);
        const auto& o = in.Object(tasks[j], path);
        in.OnlyFields(o,
                      path,
                      {"id",
                       "model",
                       "profile",
                       "input_bytes",
                       "feature_bytes_per_element",
                       "frame_rate",
                       "deadline_s",
                       "servers",
                       "uplink_s",
                       "result_s",
                       "device_macs_per_s",
                       "access_bps",
                       "access",
                       "energy_budget_j",
                       "device_active_power_w",
                       "device_energy_per_mac_j",
                       "access_energy_per_bit_j"},
                      "a task");
        SchedulingTask t;
        t.id = in.String(in.Field(o, "id", path), path + "/id");
        if (t.id.empty())
        {
            in.Fail(path + "/id", "expected a non-empty id");
        }
        if (auto [it, fresh] = taskIds.emplace(t.id, j); !fresh)
        {
            in.Fail(path + "/id",
                    "duplicate task id '" + t.id + "' (also /tasks/" + std::to_string(it->second) +
                        ")");
        }
        const bool hasModel = o.contains("model");
        const bool hasProfile = o.contains("profile");
        if (hasModel == hasProfile)
        {
            in.Fail(path, "expected exactly one of 'model' (a zoo network) or 'profile' (a file)");
        }
        if (auto it = o.find("feature_bytes_per_element"); it != o.end())
        {
            if (hasProfile)
            {
                in.Fail(path + "/feature_bytes_per_element",
                        "applies to zoo models only; a profile file has its bytes already");
            }
            t.featureBytesPerElement =
                PositiveNumber(in, it.value(), path + "/feature_bytes_per_element");
        }
        if (hasModel)
        {
            t.model = in.String(o.at("model"), path + "/model");
            if (!CnnModelZoo::Has(t.model))
            {
                std::string known;
                for (const auto& name : CnnModelZoo::GetNames())
                {
                    known += (known.empty() ? "" : ", ") + name;
                }
                in.Fail(path + "/model",
                        "unknown model '" + t.model + "'; expected one of " + known);
            }
            auto& cached = zoo[{t.model, t.featureBytesPerElement}];
            if (!cached)
            {
                NS_LOG_INFO("building the split profile of " << t.model);
                cached = std::make_shared<const SplitProfile>(
                    SplitProfile::FromModel(CnnModelZoo::Create(t.model),
                                            TensorEncoding(1.0, t.featureBytesPerElement)));
            }
            t.profile = cached;
        }
        else
        {
            std::string file = in.String(o.at("profile"), path + "/profile");
            if (!file.empty() && file[0] != '/' && !baseDir.empty())
            {
                file = baseDir + "/" + file;
            }
            auto& cached = files[file];
            if (!cached)
            {
                try
                {
                    cached =
                        std::make_shared<const SplitProfile>(SplitProfileFormat::ReadFile(file));
                }
                catch (const EdgeDnnError& e)
                {
                    in.Fail(path + "/profile", std::string("cannot read the profile: ") + e.what());
                }
            }
            t.profile = cached;
            t.model = cached->GetModelName();
        }
        if (auto it = o.find("input_bytes"); it != o.end())
        {
            t.inputBytes = in.Integer(it.value(), path + "/input_bytes", 1);
        }
        t.frameRate = PositiveNumber(in, in.Field(o, "frame_rate", path), path + "/frame_rate");
        t.deadlineS = PositiveNumber(in, in.Field(o, "deadline_s", path), path + "/deadline_s");
        if (auto it = o.find("uplink_s"); it != o.end())
        {
            t.uplinkS = in.NonNegativeNumber(it.value(), path + "/uplink_s");
        }
        if (auto it = o.find("result_s"); it != o.end())
        {
            t.resultS = in.NonNegativeNumber(it.value(), path + "/result_s");
        }
        if (auto it = o.find("device_macs_per_s"); it != o.end())
        {
            t.deviceMacsPerS = in.NonNegativeNumber(it.value(), path + "/device_macs_per_s");
        }
        if (auto it = o.find("access_bps"); it != o.end())
        {
            t.accessBps = in.NonNegativeNumber(it.value(), path + "/access_bps");
        }
        // The device's energy budget per frame and what it is counted with (see "Energy").
        const std::pair<const char*, double*> energy[] = {
            {"energy_budget_j", &t.energyBudgetJ},
            {"device_active_power_w", &t.deviceActivePowerW},
            {"device_energy_per_mac_j", &t.deviceEnergyPerMacJ},
            {"access_energy_per_bit_j", &t.accessEnergyPerBitJ},
        };
        for (const auto& [field, value] : energy)
        {
            if (auto it = o.find(field); it != o.end())
            {
                *value = in.NonNegativeNumber(it.value(), path + "/" + field);
            }
        }
        if (auto it = o.find("access"); it != o.end())
        {
            if (!(t.accessBps > 0))
            {
                in.Fail(path + "/access", "expected an 'access_bps' > 0 beside it");
            }
            t.access = ReadTransport(in, it.value(), path + "/access");
        }
        const auto& list = in.Array(in.Field(o, "servers", path), path + "/servers");
        if (list.empty())
        {
            in.Fail(path + "/servers", "expected at least one server id");
        }
        for (std::size_t k = 0; k < list.size(); ++k)
        {
            const std::string at = path + "/servers/" + std::to_string(k);
            const std::string id = in.String(list[k], at);
            const int64_t index = problem.FindServer(id);
            if (index < 0)
            {
                in.Fail(at, "unknown server id '" + id + "'");
            }
            for (uint32_t s : t.servers)
            {
                if (s == static_cast<uint32_t>(index))
                {
                    in.Fail(at, "server id '" + id + "' listed twice");
                }
            }
            t.servers.push_back(static_cast<uint32_t>(index));
        }
        problem.AddTask(std::move(t));
    }
    return problem;
}

} // namespace edgednn
} // namespace ns3
