#!/usr/bin/env bash
# Speed targets of `risbnn bench`, measured by alternating runs in one go (the machines are noisy, so
# only ratios of neighbouring runs mean much):
#   peer   : risbnn bench (mc-shared, M=1) vs the PyTorch peer ../shared/bench/peer_resnet20.py;
#            prints each pair's img/s and the median ratio risbnn/peer (target >= 1.5)
#   ris-lrt: risbnn bench ris M=10 vs lrt M=10; prints each pair's ms/step and the median ratio
#            ris/lrt (target <= 1.3)
#   both   : the two parts one after the other (default)
#   rows   : the rows of issue 10, each run alternated with the peer at num_mc=1 (mc-shared rows: at
#            num_mc=M, the peer's own weight-sample count): for every run and every row, one peer run
#            then one risbnn run; prints each pair's ms/step and, per row, the median ratio risbnn/peer
#            (ms/step; lower is faster). --rows picks rows as a comma-separated list of
#            estimator:M:objective (default: all eight below). With RISBNN_BASE set (a second
#            risbnn command, e.g. an older jar), every pair becomes a triple peer, base, risbnn and the
#            table shows both (before/after in one run).
#
# Usage: scripts/bench-vs-peer.sh [--mode peer|ris-lrt|both] [--runs K] [--model resnet20] [--batch 128]
#            [--steps 8] [--warmup 2] [--peer-steps 8] [--m10-steps 8] [--m10-warmup 2]
#            [--lrt-objective elbo|moment] [--threads N] [--rows est:M:obj,...] [--row-steps 3]
#            [--row-warmup 1]
# Environment: RISBNN  command that runs risbnn (default: bin/risbnn of this checkout), e.g.
#                      RISBNN="java -Xmx8g -jar /tmp/build/risbnn-0.1.0-SNAPSHOT-cli.jar"
#              PYTHON  interpreter with torch for the peer (default /usr/bin/python3, Debian's python3-torch)
#              PEER    the peer script (default ../shared/bench/peer_resnet20.py next to this checkout)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RISBNN="${RISBNN:-$root/bin/risbnn}"
PYTHON="${PYTHON:-/usr/bin/python3}"
PEER="${PEER:-$root/../shared/bench/peer_resnet20.py}"
export MKL_CBWR="${MKL_CBWR:-AUTO,STRICT}"

mode=both runs=5 model=resnet20 batch=128 steps=8 warmup=2 peer_steps=8 m10_steps=8 m10_warmup=2
lrt_objective="" threads=() row_steps=3 row_warmup=1
rows="mc-shared:1:elbo,mc-shared:10:elbo,lrt:1:elbo,analytic:1:moment,analytic:1:mean-var,ris:10:moment,ris:10:mean-var,quadrature:10:mean-var"
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) mode="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --peer-steps) peer_steps="$2"; shift 2 ;;
    --m10-steps) m10_steps="$2"; shift 2 ;;
    --m10-warmup) m10_warmup="$2"; shift 2 ;;
    --lrt-objective) lrt_objective="$2"; shift 2 ;;
    --threads) threads=(--threads "$2"); shift 2 ;;
    --rows) rows="$2"; shift 2 ;;
    --row-steps) row_steps="$2"; shift 2 ;;
    --row-warmup) row_warmup="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-vs-peer: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$mode" in peer|ris-lrt|both|rows) ;; *) echo "bench-vs-peer: --mode '$mode': expected peer, ris-lrt, both or rows" >&2; exit 2 ;; esac
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "bench-vs-peer: --runs '$runs': expected an integer >= 1" >&2; exit 2; }

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "nan"} else if (NR%2) {print a[(NR+1)/2]} else {printf "%.4g\n", (a[NR/2]+a[NR/2+1])/2}}'; }
# first number before " <unit>" in a line
field() { sed -nE "s#.* ([0-9.]+) $1.*#\1#p" | head -1; }

bench() {   # prints the bench line; exits on failure
  bench_with "$RISBNN" "$@"
}

bench_with() {   # bench_with COMMAND ARGS...: bench by the given risbnn command
  local cmd="$1" out; shift
  # shellcheck disable=SC2086
  if ! out="$($cmd bench --no-progress --model "$model" --batch "$batch" "${threads[@]}" "$@" 2>&1)"; then
    echo "$out" >&2; echo "bench-vs-peer: risbnn bench $* failed" >&2; exit 1
  fi
  grep '^bench ' <<<"$out"
}

need_peer() {
  if ! "$PYTHON" -c 'import torch' >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "bench-vs-peer: $PYTHON has no torch; installing python3-torch" >&2
      apt-get install -y python3-torch >&2 || { apt-get update >&2 && apt-get install -y python3-torch >&2; }
    else
      echo "bench-vs-peer: $PYTHON has no torch: install Debian's python3-torch (sudo apt-get install -y python3-torch) or set PYTHON" >&2
      exit 2
    fi
  fi
  [ -f "$PEER" ] || { echo "bench-vs-peer: peer script $PEER not found (set PEER)" >&2; exit 2; }
}

peer_part() {
  need_peer
  echo "== risbnn bench $model batch $batch mc-shared M=1 vs peer ($PEER $batch 1 $peer_steps), $runs alternations"
  local ratios=() ours=() theirs=()
  for i in $(seq 1 "$runs"); do
    local a b ra rb
    a="$(bench --estimator mc-shared --samples 1 --steps "$steps" --warmup "$warmup")"
    b="$("$PYTHON" "$PEER" "$batch" 1 "$peer_steps" | grep '^peer ')"
    ra="$(field img/s <<<"$a")"; rb="$(field img/s <<<"$b")"
    echo "run $i: $a"
    echo "run $i: $b"
    local r; r="$(awk -v x="$ra" -v y="$rb" 'BEGIN {printf "%.3f", x / y}')"
    echo "run $i: risbnn $ra img/s, peer $rb img/s, ratio $r"
    ratios+=("$r"); ours+=("$ra"); theirs+=("$rb")
  done
  local med; med="$(printf '%s\n' "${ratios[@]}" | median)"
  echo "risbnn img/s: ${ours[*]} (median $(printf '%s\n' "${ours[@]}" | median))"
  echo "peer img/s:   ${theirs[*]} (median $(printf '%s\n' "${theirs[@]}" | median))"
  echo "ratios risbnn/peer: ${ratios[*]}"
  echo "median ratio risbnn/peer (img/s): $med  (target >= 1.5: $(awk -v r="$med" 'BEGIN {print (r >= 1.5) ? "met" : "missed"}'))"
}

ris_lrt_part() {
  local lrt_obj=()
  [ -n "$lrt_objective" ] && lrt_obj=(--objective "$lrt_objective")
  echo "== risbnn bench $model batch $batch ris M=10 vs lrt M=10${lrt_objective:+ ($lrt_objective)}, $runs alternations, $m10_steps steps after $m10_warmup warm-up"
  local ratios=() ris=() lrt=()
  for i in $(seq 1 "$runs"); do
    local a b ma mb
    a="$(bench --estimator ris --samples 10 --steps "$m10_steps" --warmup "$m10_warmup")"
    b="$(bench --estimator lrt --samples 10 "${lrt_obj[@]}" --steps "$m10_steps" --warmup "$m10_warmup")"
    ma="$(field ms/step <<<"$a")"; mb="$(field ms/step <<<"$b")"
    echo "run $i: $a"
    echo "run $i: $b"
    local r; r="$(awk -v x="$ma" -v y="$mb" 'BEGIN {printf "%.3f", x / y}')"
    echo "run $i: ris $ma ms/step, lrt $mb ms/step, ratio $r"
    ratios+=("$r"); ris+=("$ma"); lrt+=("$mb")
  done
  local med; med="$(printf '%s\n' "${ratios[@]}" | median)"
  echo "ris ms/step: ${ris[*]} (median $(printf '%s\n' "${ris[@]}" | median))"
  echo "lrt ms/step: ${lrt[*]} (median $(printf '%s\n' "${lrt[@]}" | median))"
  echo "ratios ris/lrt: ${ratios[*]}"
  echo "median ratio ris/lrt (ms/step): $med  (target <= 1.3: $(awk -v r="$med" 'BEGIN {print (r <= 1.3) ? "met" : "missed"}'))"
}

rows_part() {
  need_peer
  local specs; IFS=, read -r -a specs <<<"$rows"
  local base="${RISBNN_BASE:-}"
  echo "== risbnn bench $model batch $batch, rows ${specs[*]} ($row_steps steps after $row_warmup warm-up), each after a peer run ($PEER $batch 1 $peer_steps; mc-shared rows at num_mc=M)${base:+ and a base run ($base)}, $runs alternations"
  local -A ratios=() ours=() theirs=() bratios=() bases=() rss=()
  for i in $(seq 1 "$runs"); do
    for spec in "${specs[@]}"; do
      local est m obj a b c ma mb mc r rb
      IFS=: read -r est m obj <<<"$spec"
      local args=(--estimator "$est" --samples "$m" --objective "$obj" --steps "$row_steps" --warmup "$row_warmup")
      local peer_mc=1; [ "$est" = mc-shared ] && peer_mc="$m"
      b="$("$PYTHON" "$PEER" "$batch" "$peer_mc" "$peer_steps" | grep '^peer ')"
      mb="$(field ms/step <<<"$b")"
      echo "run $i $spec: $b"
      if [ -n "$base" ]; then
        c="$(bench_with "$base" "${args[@]}")"
        mc="$(field ms/step <<<"$c")"
        rb="$(awk -v x="$mc" -v y="$mb" 'BEGIN {printf "%.3f", x / y}')"
        echo "run $i $spec: base $c"
        bratios[$spec]+="$rb "; bases[$spec]+="$mc "
      fi
      a="$(bench "${args[@]}")"
      ma="$(field ms/step <<<"$a")"
      r="$(awk -v x="$ma" -v y="$mb" 'BEGIN {printf "%.3f", x / y}')"
      echo "run $i $spec: $a"
      echo "run $i $spec: risbnn $ma ms/step, peer $mb ms/step, ratio $r${base:+, base $mc ms/step, base ratio $rb}"
      ratios[$spec]+="$r "; ours[$spec]+="$ma "; theirs[$spec]+="$mb "
      rss[$spec]="$(sed -nE 's#.*peak RSS ([0-9.]+ [GM]iB).*#\1#p' <<<"$a")"
    done
  done
  if [ -n "$base" ]; then
    echo "| row | base × peer (median) | risbnn × peer (median) | base ratios | risbnn ratios | risbnn ms/step | peer ms/step | risbnn peak RSS (last run) |"
    echo "|---|---|---|---|---|---|---|---|"
  else
    echo "| row | risbnn × peer (median) | risbnn ratios | risbnn ms/step | peer ms/step | risbnn peak RSS (last run) |"
    echo "|---|---|---|---|---|---|"
  fi
  for spec in "${specs[@]}"; do
    # shellcheck disable=SC2086
    local mr; mr="$(printf '%s\n' ${ratios[$spec]} | median)"
    # shellcheck disable=SC2086
    local mo; mo="$(printf '%s\n' ${ours[$spec]} | median)"
    # shellcheck disable=SC2086
    local mt; mt="$(printf '%s\n' ${theirs[$spec]} | median)"
    if [ -n "$base" ]; then
      # shellcheck disable=SC2086
      echo "| $spec | $(printf '%s\n' ${bratios[$spec]} | median) | $mr | ${bratios[$spec]}| ${ratios[$spec]}| $mo | $mt | ${rss[$spec]} |"
    else
      echo "| $spec | $mr | ${ratios[$spec]}| $mo | $mt | ${rss[$spec]} |"
    fi
  done
}

case "$mode" in
  rows) rows_part ;;
  peer) peer_part ;;
  ris-lrt) ris_lrt_part ;;
  both) peer_part; ris_lrt_part ;;
esac
