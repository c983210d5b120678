/** RAM, CPU and disk figures from the `LAUNCHPAD_SYSTEM {json}` line the system-info recipe prints. */
import * as v from 'valibot';
import { machineLine } from './gpu';

export interface SystemInfo {
  readonly ramTotalBytes: number;
  readonly ramAvailableBytes: number;
  readonly cpuModel: string;
  /** Logical CPUs of the machine, and how many this process may use. */
  readonly cpus: number;
  readonly cpusUsable: number;
  /** Where disk figures were measured (/content on Colab). */
  readonly diskPath: string;
  readonly diskTotalBytes: number;
  readonly diskFreeBytes: number;
  readonly python: string;
}

const bytes = v.pipe(v.number(), v.integer(), v.minValue(0));

const SystemLine = v.object({
  ram_total_bytes: bytes,
  ram_available_bytes: bytes,
  cpu_model: v.string(),
  cpus: v.pipe(v.number(), v.integer(), v.minValue(1)),
  cpus_usable: v.pipe(v.number(), v.integer(), v.minValue(1)),
  disk_path: v.string(),
  disk_total_bytes: bytes,
  disk_free_bytes: bytes,
  python: v.string(),
});

/** The figures of a system-info cell's output, or undefined when it has no valid line. */
export function parseSystemInfoOutput(text: string): SystemInfo | undefined {
  const line = v.safeParse(SystemLine, machineLine(text, 'LAUNCHPAD_SYSTEM'));
  if (!line.success) return undefined;
  const d = line.output;
  return {
    ramTotalBytes: d.ram_total_bytes,
    ramAvailableBytes: d.ram_available_bytes,
    cpuModel: d.cpu_model,
    cpus: d.cpus,
    cpusUsable: d.cpus_usable,
    diskPath: d.disk_path,
    diskTotalBytes: d.disk_total_bytes,
    diskFreeBytes: d.disk_free_bytes,
    python: d.python,
  };
}
