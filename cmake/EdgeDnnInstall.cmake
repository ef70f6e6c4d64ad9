# Installation of the standalone build (included from CMakeLists.txt after the library and the examples; in-tree,
# ns-3's own build_lib installs the module with ns-3).
#
#   cmake --install build [--prefix DIR]                       library, public headers, CMake package, edge-dnn.pc
#   cmake --install build [--prefix DIR] --component examples  the example programs into DIR/bin
#
# What goes where (GNUInstallDirs; DIR defaults to CMAKE_INSTALL_PREFIX, /usr/local):
#   DIR/lib/libns3-edge-dnn.so*               the library
#   DIR/include/ns3/*.h                       the public headers (EDGE_DNN_HEADERS) and edge-dnn-module.h, beside
#                                             ns-3's own in the same ns3/ layout; internal headers such as
#                                             edge-dnn-json-input.h are not in EDGE_DNN_HEADERS and stay behind
#   DIR/lib/cmake/EdgeDnn/                    find_package(EdgeDnn): the imported target EdgeDnn::edge-dnn
#   DIR/lib/pkgconfig/edge-dnn.pc             pkg-config --cflags --libs edge-dnn
#   DIR/share/edge-dnn/bandwidth/*.csv        the synthetic bandwidth traces of data/bandwidth/ (LinkRateTrace's File)
# The library reads no data files of its own at run time (the zoo is built in code; a trace is a file the program
# names), so nothing else is installed.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(EDGE_DNN_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/EdgeDnn)

# The public headers include <boost/graph/adjacency_list.hpp> (ns3/cnn-model.h): Boost's headers are part of the
# library's interface, so users get them through the target. The build already found Boost; this only makes sure
# the header target exists whatever components were asked for.
find_package(Boost REQUIRED)
if(Boost_VERSION_STRING)
  set(EDGE_DNN_BOOST_VERSION ${Boost_VERSION_STRING})
else()
  set(EDGE_DNN_BOOST_VERSION ${Boost_VERSION})
endif()

# Users of the installed target: C++17 (the headers use std::optional), the install include folder, Boost's headers.
target_compile_features(libedge-dnn PUBLIC cxx_std_17)
target_include_directories(libedge-dnn INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_link_libraries(libedge-dnn PUBLIC Boost::headers)
# EdgeDnn::edge-dnn rather than EdgeDnn::libedge-dnn; the file stays libns3-edge-dnn.so like ns-3's libns3-*.so.
# Dependencies outside the system's search path (lp_solve, when it is a shared library elsewhere) stay reachable.
set_target_properties(libedge-dnn PROPERTIES EXPORT_NAME edge-dnn INSTALL_RPATH_USE_LINK_PATH ON)

install(
  TARGETS libedge-dnn
  EXPORT EdgeDnnTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
)

set(edge_dnn_public_headers ${EDGE_DNN_INCLUDE_DIR}/ns3/edge-dnn-module.h)
foreach(header ${EDGE_DNN_HEADERS})
  list(APPEND edge_dnn_public_headers ${CMAKE_CURRENT_SOURCE_DIR}/${header})
endforeach()
install(FILES ${edge_dnn_public_headers} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ns3)

# The shipped (synthetic) bandwidth traces for LinkRateTrace: DIR/share/edge-dnn/bandwidth/*.csv.
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/data/bandwidth DESTINATION ${CMAKE_INSTALL_DATADIR}/edge-dnn
        FILES_MATCHING PATTERN "*.csv"
)

# The CMake package: relocatable (paths relative to the installed files), so --prefix at install time works.
install(
  EXPORT EdgeDnnTargets
  NAMESPACE EdgeDnn::
  FILE EdgeDnnTargets.cmake
  DESTINATION ${EDGE_DNN_CMAKE_INSTALL_DIR}
)
configure_package_config_file(
  ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EdgeDnnConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/EdgeDnnConfig.cmake
  INSTALL_DESTINATION ${EDGE_DNN_CMAKE_INSTALL_DIR}
  NO_SET_AND_CHECK_MACRO
)
# 0.x: a new minor version may change the interface, so only the same major.minor satisfies a request.
write_basic_package_version_file(
  ${CMAKE_CURRENT_BINARY_DIR}/EdgeDnnConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion
)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/EdgeDnnConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/EdgeDnnConfigVersion.cmake
        DESTINATION ${EDGE_DNN_CMAKE_INSTALL_DIR}
)

# pkg-config: ns-3 3.37 installs ns3-<module>.pc files (Debian: /usr/lib/x86_64-linux-gnu/pkgconfig), so edge-dnn.pc
# requires those of the modules the library links publicly. The prefix is only known at install time
# (cmake --install --prefix): the file is configured twice, now for everything else, then by the install script for
# @EDGE_DNN_PC_PREFIX@, which it sees as the real CMAKE_INSTALL_PREFIX (without DESTDIR).
set(EDGE_DNN_PC_REQUIRES)
foreach(lib ${libcore} ${libnetwork} ${libinternet} ${libapplications} ${libstats} ${libpoint-to-point} ${libcsma} ${libwifi}
            ${libmobility} ${libenergy} ${libbridge}
)
  string(REGEX REPLACE "^ns3::lib" "ns3-" module ${lib})
  list(APPEND EDGE_DNN_PC_REQUIRES "${module} = ${ns3_VERSION}")
endforeach()
string(REPLACE ";" ", " EDGE_DNN_PC_REQUIRES "${EDGE_DNN_PC_REQUIRES}")
set(EDGE_DNN_PC_PREFIX "@CMAKE_INSTALL_PREFIX@")
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE ${CMAKE_INSTALL_${dir}})
    set(EDGE_DNN_PC_${dir} ${CMAKE_INSTALL_${dir}})
  else()
    set(EDGE_DNN_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/edge-dnn.pc.in ${CMAKE_CURRENT_BINARY_DIR}/edge-dnn.pc.in @ONLY)
install(CODE "configure_file(\"${CMAKE_CURRENT_BINARY_DIR}/edge-dnn.pc.in\" \"${CMAKE_CURRENT_BINARY_DIR}/edge-dnn.pc\" @ONLY)")
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/edge-dnn.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The example programs, only on request: cmake --install build --component examples (./edge-dnn install --examples).
get_directory_property(edge_dnn_examples DIRECTORY examples DEFINITION EDGE_DNN_EXAMPLES)
file(RELATIVE_PATH edge_dnn_bin_to_lib ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}
     ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}
)
set_target_properties(${edge_dnn_examples} PROPERTIES INSTALL_RPATH "$ORIGIN/${edge_dnn_bin_to_lib}"
                                                      INSTALL_RPATH_USE_LINK_PATH ON
)
install(
  TARGETS ${edge_dnn_examples}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  COMPONENT examples
  EXCLUDE_FROM_ALL
)
