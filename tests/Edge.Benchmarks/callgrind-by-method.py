"""Instructions spent in each JIT-compiled method of a callgrind run, for tic-cost.sh.

callgrind cannot name JIT-compiled code; the runtime's perf map (DOTNET_PerfMapEnabled) gives each method's
address range. Reads a callgrind file written with --dump-instr=yes --compress-pos=no --compress-strings=no, adds
up the self cost of every instruction address (not the inclusive cost of calls), and prints the methods of the
Edge assemblies with their cost per frame. Usage: callgrind-by-method.py RUN.out RUN.map FRAMES [TOP]
"""
import bisect
import sys


def main():
    out_path, map_path, frames = sys.argv[1], sys.argv[2], int(sys.argv[3])
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    ranges = []
    with open(map_path) as perf_map:
        for line in perf_map:
            start, size, name = line.rstrip("\n").split(" ", 2)
            ranges.append((int(start, 16), int(size, 16), name))
    ranges.sort()
    starts = [r[0] for r in ranges]

    cost = {}
    after_call = False
    with open(out_path) as run:
        for line in run:
            if line.startswith("calls="):
                # The next cost line is the call's inclusive cost, already counted in the callee.
                after_call = True
                continue
            if not line.startswith("0x"):
                continue
            if after_call:
                after_call = False
                continue
            fields = line.split()
            address, instructions = int(fields[0], 16), int(fields[-1])
            k = bisect.bisect_right(starts, address) - 1
            if k >= 0 and address < ranges[k][0] + ranges[k][1]:
                name = ranges[k][2]
            else:
                name = "(native)"
            cost[name] = cost.get(name, 0) + instructions

    for name, instructions in sorted(cost.items(), key=lambda kv: -kv[1]):
        if top <= 0:
            break
        if "[edge]" in name or "[Edge." in name:
            top -= 1
            print("  %10.0f  %s" % (instructions / float(frames), name.replace("[MinOptJitted]", "")))


if __name__ == "__main__":
    main()
