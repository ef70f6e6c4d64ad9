/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// libFuzzer harness of the scheduling-problem reader (SchedulingProblemFormat::ParseJson). Bad
// input must end in an EdgeDnnError; a problem that reads must write back and read again to the
// same problem. The library has no problem writer, so WriteProblem below writes one the way
// doc/scheduler.rst describes the format.
//
// Tasks may name split-profile files: the harness gives them a folder with two profiles
// (measured.csv, macs.json) and skips inputs naming any other path than a plain file name in it,
// so that the fuzzer cannot make the reader open /dev/zero or files of the host.

#include "edge-dnn-latency-model.h"
#include "edge-dnn-scheduling-problem-format.h"
#include "fuzz-split-profile.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unistd.h>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/// The folder of the profile files tasks may name.
std::string g_profileDir;

/// The profile files in g_profileDir, with their contents.
const std::map<std::string, std::string> PROFILE_FILES = {
    {"measured.csv",
     "# model: measured\n# edge_device: jetson\n# cloud_device: xeon\n"
     "index,name,edge_s,cloud_s,bytes\n0,input,0,0.0121,150528\n4,maxpool,0.0068,0.0094,802816\n"},
    {"macs.json",
     R"({"format": "edge-dnn-split-profile", "version": 1, "model": "tiny", "cost_unit": "macs",
         "split_points": [{"index": 0, "name": "input", "edge_macs": 0, "cloud_macs": 1000,
         "bytes": 3072}, {"index": 2, "name": "pool", "edge_macs": 400, "cloud_macs": 600,
         "bytes": 512}]})"},
};

/// Remove the profile folder at exit.
void
RemoveProfileDir()
{
    for (const auto& [name, contents] : PROFILE_FILES)
    {
        std::remove((g_profileDir + "/" + name).c_str());
    }
    rmdir(g_profileDir.c_str());
}

/**
 * \brief Whether the input names a profile file outside the harness's folder.
 * \param text the fuzzed input
 * \return true if a task's "profile" is a path, not a plain file name
 */
bool
NamesOtherFiles(const std::string& text)
{
    const auto root = nlohmann::ordered_json::parse(text, nullptr, false);
    if (root.is_discarded() || !root.is_object())
    {
        return false;
    }
    const auto tasks = root.find("tasks");
    if (tasks == root.end() || !tasks->is_array())
    {
        return false;
    }
    for (const auto& task : *tasks)
    {
        if (!task.is_object())
        {
            continue;
        }
        const auto profile = task.find("profile");
        if (profile == task.end() || !profile->is_string())
        {
            continue;
        }
        const auto name = profile->get<std::string>();
        if (name.empty() || name == "." || name == ".." ||
            name.find_first_of(std::string("/\0", 2)) != std::string::npos)
        {
            return true;
        }
    }
    return false;
}

/**
 * \brief The tasks of the input that name a profile file, by task id, with the name as given.
 * \param text the fuzzed input (it read, so it is a problem object)
 * \return task id to profile file name
 */
std::map<std::string, std::string>
ProfileFiles(const std::string& text)
{
    std::map<std::string, std::string> files;
    const auto root = nlohmann::ordered_json::parse(text);
    for (const auto& task : root.at("tasks"))
    {
        if (const auto profile = task.find("profile"); profile != task.end())
        {
            files[task.at("id").get<std::string>()] = profile->get<std::string>();
        }
    }
    return files;
}

/**
 * \brief Write a problem in the format SchedulingProblemFormat reads, every field explicit.
 * \param problem the problem
 * \param files task id to the profile file it named (the other tasks name zoo models)
 * \return the JSON text
 */
std::string
WriteProblem(const SchedulingProblem& problem, const std::map<std::string, std::string>& files)
{
    nlohmann::ordered_json root = nlohmann::ordered_json::object();
    root["latency_model"] = LatencyModelName(problem.GetLatencyModel());
    if (problem.GetCloudCapacity() > 0)
    {
        root["cloud"] = {{"compute_macs_per_s", problem.GetCloudCapacity()}};
    }
    nlohmann::ordered_json servers = nlohmann::ordered_json::array();
    for (const EdgeServer& s : problem.GetServers())
    {
        nlohmann::ordered_json o = nlohmann::ordered_json::object();
        o["id"] = s.id;
        o["compute_macs_per_s"] = s.computeMacsPerS;
        o["uplink_bps"] = s.uplinkBps;
        o["usable_share"] = s.usableShare;
        o["workers"] = s.workers;
        nlohmann::ordered_json t = nlohmann::ordered_json::object();
        t["protocol"] = TransportPath::ProtocolName(s.uplink.protocol);
        if (s.uplink.protocol != TransportPath::IDEAL)
        {
            t["segment_bytes"] = s.uplink.segmentBytes;
            t["transport_header_bytes"] = s.uplink.transportHeaderBytes;
            t["network_header_bytes"] = s.uplink.networkHeaderBytes;
            t["link_header_bytes"] = s.uplink.linkHeaderBytes;
            t["mtu_bytes"] = s.uplink.mtuBytes;
            t["propagation_s"] = s.uplink.propagation.GetSeconds();
        }
        o["transport"] = std::move(t);
        servers.push_back(std::move(o));
    }
    root["servers"] = std::move(servers);
    nlohmann::ordered_json tasks = nlohmann::ordered_json::array();
    for (const SchedulingTask& t : problem.GetTasks())
    {
        nlohmann::ordered_json o = nlohmann::ordered_json::object();
        o["id"] = t.id;
        if (auto it = files.find(t.id); it != files.end())
        {
            o["profile"] = it->second;
        }
        else
        {
            o["model"] = t.model;
            o["feature_bytes_per_element"] = t.featureBytesPerElement;
        }
        o["input_bytes"] = t.inputBytes;
        o["frame_rate"] = t.frameRate;
        o["deadline_s"] = t.deadlineS;
        o["uplink_s"] = t.uplinkS;
        o["result_s"] = t.resultS;
        nlohmann::ordered_json ids = nlohmann::ordered_json::array();
        for (uint32_t s : t.servers)
        {
            ids.push_back(problem.GetServers().at(s).id);
        }
        o["servers"] = std::move(ids);
        tasks.push_back(std::move(o));
    }
    root["tasks"] = std::move(tasks);
    return root.dump();
}

/**
 * \brief Every field of a problem, its servers and tasks, the tasks' profiles and which tasks
 * share one.
 * \param problem the problem
 * \return its description
 */
std::string
Describe(const SchedulingProblem& problem)
{
    std::ostringstream os;
    os << "latency model " << LatencyModelName(problem.GetLatencyModel()) << " cloud "
       << fuzz::Exact(problem.GetCloudCapacity()) << "\n";
    for (const EdgeServer& s : problem.GetServers())
    {
        os << "server '" << s.id << "' c " << fuzz::Exact(s.computeMacsPerS) << " b "
           << fuzz::Exact(s.uplinkBps) << " V " << fuzz::Exact(s.usableShare) << " workers "
           << s.workers << " transport " << TransportPath::ProtocolName(s.uplink.protocol) << " "
           << s.uplink.segmentBytes << " " << s.uplink.transportHeaderBytes << " "
           << s.uplink.networkHeaderBytes << " " << s.uplink.linkHeaderBytes << " "
           << s.uplink.mtuBytes << " " << s.uplink.propagation.GetTimeStep() << "\n";
    }
    const auto& tasks = problem.GetTasks();
    for (std::size_t j = 0; j < tasks.size(); ++j)
    {
        const SchedulingTask& t = tasks[j];
        std::size_t shared = j;
        for (std::size_t k = 0; k < j; ++k)
        {
            if (tasks[k].profile == t.profile)
            {
                shared = k;
                break;
            }
        }
        os << "task '" << t.id << "' model '" << t.model << "' input " << t.inputBytes
           << " feature " << fuzz::Exact(t.featureBytesPerElement) << " f "
           << fuzz::Exact(t.frameRate) << " Q " << fuzz::Exact(t.deadlineS) << " uplink "
           << fuzz::Exact(t.uplinkS) << " result " << fuzz::Exact(t.resultS) << " servers";
        for (uint32_t s : t.servers)
        {
            os << " " << s;
        }
        os << " profile of task " << shared << "\n";
        if (shared == j)
        {
            os << fuzz::Describe(*t.profile);
        }
    }
    return os.str();
}

} // namespace

/**
 * \brief libFuzzer's set-up: the folder of profile files tasks may name.
 * \return 0
 */
extern "C" int
LLVMFuzzerInitialize(int* /* argc */, char*** /* argv */)
{
    char dir[] = "/tmp/edge-dnn-fuzz-profiles-XXXXXX";
    if (mkdtemp(dir) == nullptr)
    {
        fuzz::Finding("cannot create the profile folder", dir);
    }
    g_profileDir = dir;
    for (const auto& [name, contents] : PROFILE_FILES)
    {
        std::ofstream(g_profileDir + "/" + name) << contents;
    }
    std::atexit(RemoveProfileDir);
    return 0;
}

/**
 * \brief libFuzzer's entry point: one input.
 * \param data the input's bytes
 * \param size their number
 * \return 0 (findings abort), -1 for inputs naming files outside the harness's folder
 */
extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    if (NamesOtherFiles(text))
    {
        return -1; // not added to the corpus
    }
    SchedulingProblem problem;
    if (!fuzz::ReadOrEdgeDnnError(
            "SchedulingProblemFormat::ParseJson",
            text,
            [&] { return SchedulingProblemFormat::ParseJson(text, "fuzz.json", g_profileDir); },
            problem))
    {
        return 0;
    }
    const std::string written = fuzz::MustSucceed("writing the problem", text, [&] {
        return WriteProblem(problem, ProfileFiles(text));
    });
    const SchedulingProblem again = fuzz::MustSucceed(
        "SchedulingProblemFormat::ParseJson of the written problem",
        written,
        [&] { return SchedulingProblemFormat::ParseJson(written, "written.json", g_profileDir); });
    fuzz::ExpectSame("scheduling problem", Describe(problem), Describe(again), written);
    return 0;
}
