// Every user-visible Colab text the extension could read, per UI language (`lang:<en|es|zh-CN>`).
// Each entry says where it comes from: `ev(text, source)` = seen in evidence (colab-dom.md S-ids/§,
// colab-dom-2026H2.md rows/N-ids), `inv(text)` = invented because the evidence is silent.
// Invented non-English texts never contain the English evidenced phrases ("Connected to",
// "backend (GPU)", "Reconnect", "Runtime disconnected", "Are you still there"), so an extension
// cannot pass a non-English test by reading English (replica.spec.ts checks this).
// Texts not listed here (most File/Edit/View/Tools/Help menu items, header, status bar, the
// change-runtime-type radio labels) stay English in every language; see README.md.

/** @typedef {{ text: string, source: string }} Text */

/** @param {string} text @param {string} source @returns {Text} */
const ev = (text, source) => ({ text, source });
/** @param {string} text @returns {Text} */
const inv = (text) => ({ text, source: 'invented' });

export const LANGS = /** @type {const} */ (['en', 'es', 'zh-CN']);

/** @type {Record<string, Record<string, Text>>} */
export const TEXTS = {
  en: {
    // Connect button (colab-dom §1.2, §1.4; 2026H2 rows 12–14)
    connectedTo: ev('Connected to', 'S1 §1.2'),
    backendCpu: ev('Python 3 Google Compute Engine backend', 'S1 §1.2'),
    backendGpu: ev('Python 3 Google Compute Engine backend (GPU)', '§1.4'),
    backendTpu: ev('Python 3 Google Compute Engine backend (TPU)', '§1.4'),
    ram: ev('RAM', 'S1 §1.2'),
    disk: ev('Disk', 'S1 §1.2'),
    usageSeparator: ev(': ', 'S1 §1.2'),
    busy: ev('Waiting to finish the current execution.', 'S9 §1.2'),
    connecting: ev('Connecting', 'S9 §1.2'),
    connect: ev('Connect', 'S9 §1.2'),
    connectTooltip: ev('Connect to a new runtime', 'S9/S5 §1.2'),
    reconnect: ev('Reconnect', 'S9 §1.2; N6a row 12'),
    reconnectTooltip: ev('Click to connect', 'S9/S5 §1.2; N6a row 12'),
    connectIcon: ev('Focus the last run cell', 'S1 §1.2'),
    connectDropdown: ev('Additional connection options', 'S1 §1.2; N6a row 12'),
    // Connect dropdown and Runtime menu items (§1.2, §1.3)
    'cmd:connect': ev('Connect to a hosted runtime', 'S9 §1.2; N2 row 3'),
    'cmd:change-runtime-type': ev('Change runtime type', 'S1/S9 §1.3; N3 row 2'),
    'cmd:change-runtime-version': ev('Change runtime version', '2026-12 row 17 (D5)'),
    'cmd:open-resource-viewer': ev('View resources', 'S1 §1.3'),
    'cmd:manage-sessions': ev('Manage sessions', 'S9 §1.2'),
    'cmd:powerwash-current-vm': ev('Disconnect and delete runtime', 'S1 §1.3; row 22'),
    'cmd:runall': ev('Run all', 'S1 §1.1'),
    'cmd:runbefore': inv('Run before'),
    'cmd:runfocused': inv('Run the focused cell'),
    'cmd:runselected': inv('Run selection'),
    'cmd:runafter': inv('Run cell and below'),
    'cmd:interrupt': inv('Interrupt execution'),
    'cmd:restart': ev('Restart session', 'S4 §1.10'),
    'cmd:restart-and-run-all': inv('Restart session and run all'),
    'cmd:view-runtime-logs': ev('View runtime logs', 'S4 §1.10'),
    'cmd:deploy-cloud-run': inv('Deploy to Cloud Run'),
    'cmd:insert-cell-below': inv('Code cell'),
    'cmd:add-text': inv('Text cell'),
    'cmd:add-section-header': inv('Section header cell'),
    'cmd:open-scratch-code-cell': inv('Scratch code cell'),
    'cmd:snippets': inv('Code snippets'),
    'cmd:clear-outputs': inv('Clear all outputs'),
    // Menubar captions (§1.3; row 2: the "Runtime" button text)
    'menu:file': ev('File', 'S1 §1.3'),
    'menu:edit': ev('Edit', 'S1 §1.3'),
    'menu:view': ev('View', 'S1 §1.3'),
    'menu:insert': ev('Insert', 'S1 §1.3'),
    'menu:runtime': ev('Runtime', 'S1 §1.3; N3 row 2'),
    'menu:tools': ev('Tools', 'S1 §1.3'),
    'menu:help': ev('Help', 'S1 §1.3'),
    // Top toolbar (§1.1)
    'toolbar:commands': ev('Commands', 'S1 §1.1'),
    'toolbar:code': ev('Code', 'S1 §1.1'),
    'toolbar:text': ev('Text', 'S1 §1.1'),
    'toolbar:runMore': inv('More run actions'),
    // "Runtime disconnected" (§1.10, S4)
    disconnectedHeading: ev('Runtime disconnected', 'S4 §1.10'),
    disconnectedMessage: ev('Your runtime has been disconnected due to inactivity or reaching its maximum duration.', 'S4 §1.10'),
    disconnectedClose: ev('Close', 'S4 §1.10'),
    disconnectedReconnect: ev('Reconnect', 'S4 §1.10'),
    // "Are you still there?" (row 9, N4; §1.11)
    stillThereHeading: ev('Are you still there?', 'N4 row 9'),
    stillThereMessage: inv('This runtime will be disconnected soon unless you confirm that you are still using it.'),
    stillThereLeave: inv('Disconnect'),
    stillThereResume: inv("I'm here"),
    // "Disconnect and delete runtime" confirmation (row 22: only its DOM is evidenced)
    deleteRuntimeHeading: inv('Disconnect and delete runtime'),
    deleteRuntimeMessage: inv('Are you sure you want to disconnect from this runtime and delete it?'),
    deleteRuntimeCancel: inv('Cancel'),
    deleteRuntimeOk: ev('Yes', 'row 7 (one of the primary labels seen)'),
    // Manage sessions (row 21)
    sessionsHeading: inv('Active sessions'),
    sessionsTerminate: ev('Terminate', 'N5 row 21 (data-aria-label "Terminate <title>")'),
    sessionsTerminateOthers: ev('Terminate other sessions', 'S9 §1.10'),
    sessionsClose: inv('Close'),
    sessionsCurrent: inv('Current session'),
    sessionsJustNow: inv('Just now'),
    // Change runtime type (§1.3; row 7)
    runtimeTypeHeading: ev('Change runtime type', 'S9 §1.3'),
    runtimeTypeSection: inv('Runtime type'),
    acceleratorSection: inv('Hardware accelerator'),
    runtimeTypeSave: ev('Save', 'N2 row 2'),
    runtimeTypeCancel: inv('Cancel'),
    runtimeWarning: ev('Changing runtime attributes may terminate your current session. Are you sure you want to continue?', 'N2/N3/N5 row 7'),
    runtimeWarningOk: ev('OK', 'row 7'),
    // "Cannot connect to GPU backend" (2026-12 row 14, S2): heading and primary action evidenced
    gpuLimitHeading: ev('Cannot connect to GPU backend', '2026-12 row 14 (D11)'),
    gpuLimitMessage: inv('You cannot currently connect to a GPU due to usage limits in Colab.'),
    gpuLimitConnectCpu: ev('Connect without GPU', '2026-12 row 14 (D2); S2'),
    gpuLimitClose: inv('Close'),
    // Landing page (row 1, N1; its DOM is unknown)
    landingTitle: inv('Colab'),
    landingRecent: ev('Recent', 'N1 row 1'),
    landingSeeMore: ev('See more', 'N1 row 1'),
    landingOpen: inv('Open notebook'),
  },
  es: {
    connectedTo: ev('Conectado a', 'N6b row 13'),
    backendCpu: ev('del backend de Google Compute Engine en Python 3', 'N6b row 13'),
    backendGpu: inv('del backend de Google Compute Engine en Python 3 (GPU)'),
    backendTpu: inv('del backend de Google Compute Engine en Python 3 (TPU)'),
    ram: ev('RAM', 'N6b row 13'),
    disk: ev('Disco', 'N6b row 13'),
    usageSeparator: ev(': ', 'N6b row 13'),
    busy: inv('Esperando a que termine la ejecución actual.'),
    connecting: inv('Conectando'),
    connect: inv('Conectar'),
    connectTooltip: inv('Conectarse a un nuevo entorno de ejecución'),
    reconnect: inv('Volver a conectar'),
    reconnectTooltip: inv('Haz clic para conectarte'),
    connectIcon: ev('Enfocar la última celda ejecutada', 'N6b row 13'),
    connectDropdown: inv('Opciones de conexión adicionales'),
    'cmd:connect': inv('Conectarse a un entorno de ejecución alojado'),
    'cmd:change-runtime-type': inv('Cambiar tipo de entorno de ejecución'),
    'cmd:change-runtime-version': inv('Cambiar versión del entorno de ejecución'),
    'cmd:open-resource-viewer': inv('Ver recursos'),
    'cmd:manage-sessions': inv('Gestionar sesiones'),
    'cmd:powerwash-current-vm': inv('Desconectar y eliminar entorno de ejecución'),
    'cmd:runall': ev('Ejecutar todo', 'N6b row 13'),
    'cmd:runbefore': inv('Ejecutar anteriores'),
    'cmd:runfocused': inv('Ejecutar la celda enfocada'),
    'cmd:runselected': inv('Ejecutar selección'),
    'cmd:runafter': inv('Ejecutar celda y siguientes'),
    'cmd:interrupt': inv('Interrumpir ejecución'),
    'cmd:restart': inv('Reiniciar sesión'),
    'cmd:restart-and-run-all': inv('Reiniciar sesión y ejecutar todo'),
    'cmd:view-runtime-logs': inv('Ver registros del entorno de ejecución'),
    'cmd:deploy-cloud-run': inv('Implementar en Cloud Run'),
    'cmd:insert-cell-below': inv('Celda de código'),
    'cmd:add-text': inv('Celda de texto'),
    'cmd:add-section-header': inv('Celda de encabezado de sección'),
    'cmd:open-scratch-code-cell': inv('Celda de código provisional'),
    'cmd:snippets': inv('Fragmentos de código'),
    'cmd:clear-outputs': inv('Borrar todos los resultados'),
    'menu:file': inv('Archivo'),
    'menu:edit': inv('Editar'),
    'menu:view': inv('Ver'),
    'menu:insert': inv('Insertar'),
    'menu:runtime': inv('Entorno de ejecución'),
    'menu:tools': inv('Herramientas'),
    'menu:help': inv('Ayuda'),
    'toolbar:commands': inv('Comandos'),
    'toolbar:code': inv('Código'),
    'toolbar:text': inv('Texto'),
    'toolbar:runMore': inv('Más acciones de ejecución'),
    disconnectedHeading: inv('Entorno de ejecución desconectado'),
    disconnectedMessage: inv('Tu entorno de ejecución se ha desconectado por inactividad o por haber alcanzado su duración máxima.'),
    disconnectedClose: inv('Cerrar'),
    disconnectedReconnect: inv('Volver a conectar'),
    stillThereHeading: inv('¿Sigues ahí?'),
    stillThereMessage: inv('Este entorno de ejecución se desconectará pronto si no confirmas que lo sigues usando.'),
    stillThereLeave: inv('Desconectar'),
    stillThereResume: inv('Sigo aquí'),
    deleteRuntimeHeading: inv('Desconectar y eliminar entorno de ejecución'),
    deleteRuntimeMessage: inv('¿Seguro que quieres desconectarte de este entorno de ejecución y eliminarlo?'),
    deleteRuntimeCancel: inv('Cancelar'),
    deleteRuntimeOk: inv('Sí'),
    sessionsHeading: inv('Sesiones activas'),
    sessionsTerminate: inv('Finalizar'),
    sessionsTerminateOthers: inv('Finalizar las demás sesiones'),
    sessionsClose: inv('Cerrar'),
    sessionsCurrent: inv('Sesión actual'),
    sessionsJustNow: inv('Ahora mismo'),
    runtimeTypeHeading: inv('Cambiar tipo de entorno de ejecución'),
    runtimeTypeSection: inv('Tipo de entorno de ejecución'),
    acceleratorSection: inv('Acelerador por hardware'),
    runtimeTypeSave: inv('Guardar'),
    runtimeTypeCancel: inv('Cancelar'),
    runtimeWarning: inv('Si cambias los atributos del entorno de ejecución, puede que se cierre tu sesión actual. ¿Seguro que quieres continuar?'),
    runtimeWarningOk: inv('Aceptar'),
    gpuLimitHeading: inv('No se puede conectar con el backend de GPU'),
    gpuLimitMessage: inv('Ahora no puedes conectarte a una GPU por los límites de uso de Colab.'),
    gpuLimitConnectCpu: inv('Conectar sin GPU'),
    gpuLimitClose: inv('Cerrar'),
    landingTitle: inv('Colab'),
    landingRecent: inv('Recientes'),
    landingSeeMore: inv('Ver más'),
    landingOpen: inv('Abrir cuaderno'),
  },
  'zh-CN': {
    connectedTo: inv('已连接到'),
    backendCpu: inv('Python 3 Google Compute Engine 后端'),
    backendGpu: inv('Python 3 Google Compute Engine 后端 (GPU)'),
    backendTpu: inv('Python 3 Google Compute Engine 后端 (TPU)'),
    ram: inv('RAM'),
    disk: inv('磁盘'),
    usageSeparator: inv('：'),
    busy: inv('正在等待当前执行完成。'),
    connecting: inv('正在连接'),
    connect: inv('连接'),
    connectTooltip: inv('连接到新的运行时'),
    reconnect: inv('重新连接'),
    reconnectTooltip: inv('点击即可连接'),
    connectIcon: inv('聚焦到上次运行的单元格'),
    connectDropdown: inv('其他连接选项'),
    'cmd:connect': inv('连接到托管的运行时'),
    'cmd:change-runtime-type': inv('更改运行时类型'),
    'cmd:change-runtime-version': inv('更改运行时版本'),
    'cmd:open-resource-viewer': inv('查看资源'),
    'cmd:manage-sessions': inv('管理会话'),
    'cmd:powerwash-current-vm': inv('断开连接并删除运行时'),
    'cmd:runall': inv('全部运行'),
    'cmd:runbefore': inv('运行之前的单元格'),
    'cmd:runfocused': inv('运行当前单元格'),
    'cmd:runselected': inv('运行所选内容'),
    'cmd:runafter': inv('运行当前及之后的单元格'),
    'cmd:interrupt': inv('中断执行'),
    'cmd:restart': inv('重启会话'),
    'cmd:restart-and-run-all': inv('重启会话并全部运行'),
    'cmd:view-runtime-logs': inv('查看运行时日志'),
    'cmd:deploy-cloud-run': inv('部署到 Cloud Run'),
    'cmd:insert-cell-below': inv('代码单元格'),
    'cmd:add-text': inv('文本单元格'),
    'cmd:add-section-header': inv('章节标题单元格'),
    'cmd:open-scratch-code-cell': inv('草稿代码单元格'),
    'cmd:snippets': inv('代码段'),
    'cmd:clear-outputs': inv('清除所有输出'),
    'menu:file': inv('文件'),
    'menu:edit': inv('修改'),
    'menu:view': inv('视图'),
    'menu:insert': inv('插入'),
    'menu:runtime': inv('代码执行程序'),
    'menu:tools': inv('工具'),
    'menu:help': inv('帮助'),
    'toolbar:commands': inv('命令'),
    'toolbar:code': inv('代码'),
    'toolbar:text': inv('文本'),
    'toolbar:runMore': inv('更多运行操作'),
    disconnectedHeading: inv('运行时已断开连接'),
    disconnectedMessage: inv('由于处于闲置状态或已达到最长运行时长，您的运行时已断开连接。'),
    disconnectedClose: inv('关闭'),
    disconnectedReconnect: inv('重新连接'),
    stillThereHeading: inv('您还在吗？'),
    stillThereMessage: inv('除非您确认仍在使用此运行时，否则它很快就会断开连接。'),
    stillThereLeave: inv('断开连接'),
    stillThereResume: inv('我还在'),
    deleteRuntimeHeading: inv('断开连接并删除运行时'),
    deleteRuntimeMessage: inv('确定要断开与此运行时的连接并将其删除吗？'),
    deleteRuntimeCancel: inv('取消'),
    deleteRuntimeOk: inv('是'),
    sessionsHeading: inv('活跃会话'),
    sessionsTerminate: inv('终止'),
    sessionsTerminateOthers: inv('终止其他会话'),
    sessionsClose: inv('关闭'),
    sessionsCurrent: inv('当前会话'),
    sessionsJustNow: inv('刚刚'),
    runtimeTypeHeading: inv('更改运行时类型'),
    runtimeTypeSection: inv('运行时类型'),
    acceleratorSection: inv('硬件加速器'),
    runtimeTypeSave: inv('保存'),
    runtimeTypeCancel: inv('取消'),
    runtimeWarning: inv('更改运行时属性可能会终止您当前的会话。确定要继续吗？'),
    runtimeWarningOk: inv('确定'),
    gpuLimitHeading: inv('无法连接到 GPU 后端'),
    gpuLimitMessage: inv('由于 Colab 的使用限制，您目前无法连接到 GPU。'),
    gpuLimitConnectCpu: inv('不使用 GPU 连接'),
    gpuLimitClose: inv('关闭'),
    landingTitle: inv('Colab'),
    landingRecent: inv('最近'),
    landingSeeMore: inv('查看更多'),
    landingOpen: inv('打开笔记本'),
  },
};

/**
 * Usage figures that differ per language because the evidence saw them in that language's page:
 * the Spanish CPU tooltip is verbatim N6b (RAM 1.26 GB), the English one S1 (RAM 1.08 GB).
 * @type {Record<string, Record<string, { ram?: string, disk?: string }>>}
 */
export const USAGE_OVERRIDES = {
  es: { cpu: { ram: '1.26 GB/12.67 GB', disk: '21.20 GB/107.72 GB' } },
};

/** Phrases of the English evidence that no invented non-English text may contain. */
export const ENGLISH_EVIDENCE_PHRASES = ['Connected to', 'backend (GPU)', 'Reconnect', 'Runtime disconnected', 'Are you still there'];

/**
 * The language's texts as plain strings. Keys missing in a language fall back to English (there are
 * none today; the spec checks that every language has every English key).
 * @param {string} lang
 * @returns {Record<string, string>}
 */
export function textsFor(lang) {
  const table = TEXTS[lang] ?? TEXTS.en;
  /** @type {Record<string, string>} */
  const out = {};
  for (const [key, value] of Object.entries(TEXTS.en)) out[key] = (table[key] ?? value).text;
  return out;
}

/**
 * The connect button's tooltip when connected (§1.2; rows 13–14): "connected to" line, backend
 * line, RAM and Disk lines; the busy line first while executing.
 * @param {Record<string, string>} t texts of one language
 * @param {string} lang
 * @param {{ kind: string, accelerator: string, ram: string, disk: string, highRam?: boolean }} runtime
 * @param {boolean} busy
 */
export function connectedTooltip(t, lang, runtime, busy) {
  const usage = { ram: runtime.ram, disk: runtime.disk, ...(runtime.highRam ? {} : USAGE_OVERRIDES[lang]?.[runtime.kind]) };
  const backend = runtime.accelerator === 'GPU' ? t.backendGpu : runtime.accelerator === 'TPU' ? t.backendTpu : t.backendCpu;
  const lines = [t.connectedTo, backend, `${t.ram}${t.usageSeparator}${usage.ram}`, `${t.disk}${t.usageSeparator}${usage.disk}`];
  if (busy) lines.unshift(/** @type {string} */ (t.busy));
  return { tooltip: lines.join('\n'), ram: usage.ram, disk: usage.disk };
}
