/**
 * Which GPU a runtime has, read from `nvidia-smi` output (the full table or the `--query-gpu`
 * CSV) or from the `LAUNCHPAD_GPU {json}` line the gpu-check recipe prints. Fixtures of real
 * outputs are in ./fixtures (sources in ./fixtures/SOURCES.md).
 */
import * as v from 'valibot';

/**
 * Colab's accelerator names. `G4` is Colab's name for the NVIDIA RTX PRO 6000 Blackwell Server
 * Edition runtime (colabtools#5976, #6076; notebooks saved on it have `"gpuType": "G4"`).
 */
export type GpuModel = 'T4' | 'L4' | 'A100' | 'H100' | 'G4' | 'V100' | 'P100' | 'P4' | 'K80' | 'other';

export interface FrameworkView {
  readonly version: string | null;
  /** null: the framework is installed but could not be checked. */
  readonly seesGpu: boolean | null;
}

export type GpuInfo =
  | {
      readonly kind: 'gpu';
      readonly model: GpuModel;
      /** Full name, or the table's truncated one (e.g. `NVIDIA RTX PRO 6000 Blac...`). */
      readonly name: string;
      /** Total memory of the first GPU, when the output says. */
      readonly memoryMiB?: number;
      readonly driver?: string;
      /** Highest CUDA version the driver supports (table header), when the output says. */
      readonly cuda?: string;
      /** Number of GPUs listed. */
      readonly count: number;
      /** gpu-check only: frameworks that are installed and whether they see the GPU. */
      readonly frameworks?: Readonly<Record<string, FrameworkView>>;
    }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown' };

const MODELS: readonly (readonly [RegExp, GpuModel])[] = [
  [/\bH100\b/i, 'H100'],
  [/\bA100\b/i, 'A100'],
  [/\bL4\b/i, 'L4'],
  [/\bT4\b/i, 'T4'],
  [/RTX PRO 6000 Bla/i, 'G4'],
  [/\bV100\b/i, 'V100'],
  [/\bP100\b/i, 'P100'],
  [/\bP4\b/i, 'P4'],
  [/\bK80\b/i, 'K80'],
];

/** Colab accelerator name for an NVIDIA product name (also a truncated one from the table). */
export function gpuModel(name: string): GpuModel {
  return MODELS.find(([pattern]) => pattern.test(name))?.[1] ?? 'other';
}

/** Messages that mean "this runtime has no usable NVIDIA GPU". */
const NO_GPU = [
  /NVIDIA-SMI has failed because it couldn.t communicate with the NVIDIA driver/i,
  /nvidia-smi: (?:command )?not found/i,
  /No devices were found/i,
];

function noGpu(text: string): boolean {
  return NO_GPU.some((pattern) => pattern.test(text));
}

const HEADER = /NVIDIA-SMI\s+\S+\s+(?:Driver|KMD) Version:\s*(\S+)\s+CUDA (?:UMD )?Version:\s*([0-9.]+|N\/A)/;
const GPU_ROW = /^\|\s*(\d+)\s+(.*?)\s+(?:On|Off)\s*\|\s*[0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-9A-Fa-f]/;
const MEMORY = /(\d+)MiB\s*\/\s*(\d+)MiB/;

/** The full `nvidia-smi` table (any driver generation's layout). */
export function parseNvidiaSmiTable(text: string): GpuInfo {
  const lines = text.split(/\r?\n/);
  const header = lines.map((line) => HEADER.exec(line)).find((match) => match !== null);
  const gpus: { name: string; memoryMiB?: number }[] = [];
  lines.forEach((line, index) => {
    const row = GPU_ROW.exec(line);
    if (!row) return;
    const memory = MEMORY.exec(lines[index + 1] ?? '');
    gpus.push({ name: row[2] ?? '', ...(memory ? { memoryMiB: Number(memory[2]) } : {}) });
  });
  const first = gpus[0];
  if (first === undefined) return noGpu(text) ? { kind: 'none' } : { kind: 'unknown' };
  const cuda = header?.[2];
  return {
    kind: 'gpu',
    model: gpuModel(first.name),
    name: first.name,
    ...(first.memoryMiB !== undefined ? { memoryMiB: first.memoryMiB } : {}),
    ...(header?.[1] ? { driver: header[1] } : {}),
    ...(cuda && cuda !== 'N/A' ? { cuda } : {}),
    count: gpus.length,
  };
}

const DRIVER = /^\d{2,4}\.\d+(?:\.\d+)?$/;

/**
 * `nvidia-smi --query-gpu=…  --format=csv[,noheader][,nounits]` output whose fields include the
 * name and memory.total (in the usual `name,memory.total,driver_version` order, optionally after
 * `index`, or with more fields: the first `… MiB` field is taken as memory.total).
 */
export function parseNvidiaSmiCsv(text: string): GpuInfo {
  const rows = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/memory\.total|^name\b|^index\b/i.test(line))
    .map((line) => line.split(',').map((field) => field.trim()));
  const gpus = rows.flatMap((fields) => {
    const rest = /^\d+$/.test(fields[0] ?? '') && fields.length >= 3 ? fields.slice(1) : fields;
    const [name, ...others] = rest;
    if (name === undefined || name === '' || !/[A-Za-z]/.test(name)) return [];
    const memoryField =
      others.find((field) => /^\d+\s*MiB$/i.test(field)) ?? others.find((field) => /^\d+$/.test(field));
    if (memoryField === undefined) return [];
    const driver = others.find((field) => DRIVER.test(field));
    return [{ name, memoryMiB: parseInt(memoryField, 10), driver }];
  });
  const first = gpus[0];
  if (first === undefined) return noGpu(text) ? { kind: 'none' } : { kind: 'unknown' };
  return {
    kind: 'gpu',
    model: gpuModel(first.name),
    name: first.name,
    memoryMiB: first.memoryMiB,
    ...(first.driver ? { driver: first.driver } : {}),
    count: gpus.length,
  };
}

/** Any `nvidia-smi` output: the table, the CSV, or its failure message. */
export function parseNvidiaSmi(text: string): GpuInfo {
  const table = parseNvidiaSmiTable(text);
  if (table.kind !== 'unknown') return table;
  return parseNvidiaSmiCsv(text);
}

const GpuLine = v.union([
  v.object({
    kind: v.literal('gpu'),
    gpus: v.array(v.object({ name: v.string(), memory_mib: v.number(), driver: v.string() })),
    cuda: v.nullish(v.string()),
    frameworks: v.optional(
      v.record(v.string(), v.object({ version: v.nullable(v.string()), sees_gpu: v.nullable(v.boolean()) })),
    ),
  }),
  v.object({ kind: v.literal('none') }),
]);

/** Finds the last `PREFIX {json}` line in a cell's output. */
export function machineLine(text: string, prefix: string): unknown {
  const lines = text.split(/\r?\n/).filter((line) => line.startsWith(`${prefix} `));
  const last = lines.at(-1);
  if (last === undefined) return undefined;
  try {
    return JSON.parse(last.slice(prefix.length + 1)) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The output of a gpu-check cell: its `LAUNCHPAD_GPU` line when present, else whatever
 * `nvidia-smi` output the text contains (so a hand-written `!nvidia-smi` cell works too).
 */
export function parseGpuCheckOutput(text: string): GpuInfo {
  const line = v.safeParse(GpuLine, machineLine(text, 'LAUNCHPAD_GPU'));
  if (!line.success) return parseNvidiaSmi(text);
  const data = line.output;
  if (data.kind === 'none') return { kind: 'none' };
  const first = data.gpus[0];
  if (first === undefined) {
    const fromTable = parseNvidiaSmiTable(text);
    return fromTable.kind === 'gpu' ? fromTable : { kind: 'unknown' };
  }
  const frameworks = Object.fromEntries(
    Object.entries(data.frameworks ?? {}).map(([name, view]) => [name, { version: view.version, seesGpu: view.sees_gpu }]),
  );
  return {
    kind: 'gpu',
    model: gpuModel(first.name),
    name: first.name,
    memoryMiB: first.memory_mib,
    driver: first.driver,
    ...(data.cuda ? { cuda: data.cuda } : {}),
    count: data.gpus.length,
    frameworks,
  };
}
