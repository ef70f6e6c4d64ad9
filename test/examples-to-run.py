#! /usr/bin/env python3
#
# edge-dnn's examples in short runs: ns-3's test.py runs them in-tree (./test.py without -s, or
# ./test.py --example=NAME), and the native suite's example cases (test/examples-validation-test.cc)
# run the same list, so that ./test.py -s edge-dnn and the standalone ctest run them too.
#
# Each entry: (command line as test.py runs it from the top of the ns-3 tree, whether to run it,
# whether to run it under valgrind). Output folders are relative to the working directory.

cpp_examples = [
    ("edge-dnn-model --model=resnet18 --single-tensor-cuts", "True", "True"),
    ("edge-dnn-data-reduction --models=alexnet,resnet18 --outputDir=edge-dnn-data-reduction", "True", "False"),
    ("edge-dnn-schedule --problem=contrib/edge-dnn/examples/problem.json", "True", "True"),
    ("edge-dnn-quickstart --simTime=2", "True", "False"),
    ("edge-dnn-quickstart --simTime=2 --protocol=udp --access=csma", "True", "False"),
    ("edge-dnn-scenario --servers=3 --tasks=12 --simTime=3 --db=edge-dnn-scenario.db", "True", "False"),
    ("edge-dnn-wifi --cameras=3 --simTime=2", "True", "False"),
    ("edge-dnn-lte --ues=2 --simTime=2", "True", "False"),
    ("edge-dnn-existing-topology --lanCameras=2 --wifiCameras=1 --simTime=2", "True", "False"),
    ("edge-dnn-existing-topology --lanCameras=2 --wifiCameras=0 --deviceCapacity=1e10 --simTime=2", "True", "False"),
    ("edge-dnn-adaptive --quick --simTime=4", "True", "False"),
    ("edge-dnn-energy --quick --outputDir=edge-dnn-energy", "True", "False"),
    ("edge-dnn-handover --quick", "True", "False"),
    ("edge-dnn-paper-eval --quick --outputDir=edge-dnn-paper-eval", "True", "False"),
]

python_examples = []
