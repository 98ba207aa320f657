export const MODEL_VERSION = 'shim'
export function engineSelfTest () { return { engine: true, uncertainty: true } }
