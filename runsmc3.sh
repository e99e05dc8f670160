#!/bin/bash
J="nice -n 10 taskset -c 0 java -cp ../ariadne.jar:."
while read -r c; do $J SmcFA $c; done <<'LIST'
nn5 3 20 110 300 0
nn5 1.2 500 5 300 0
hc2 1.2 1000 3 300 0
nn50 1.5 50 50 200 0
cat 0.3 25 100 300 0
mix8 0.6 500 5 300 0
nn5 0.8 50 60 300 0
LIST
