import {
  CONTROL_PREFIX,
  type ControlCounts,
  type FaultProxyControls as Controls,
} from "./controls.js"

/**
 * Serves one control request (see remote-control.ts). Returns the HTTP status and JSON answer;
 * invalid settings come back as 400 with the RangeError's message.
 */
export function serveControl(
  controls: Controls,
  path: string,
  body: Buffer,
): { status: number; body: string } {
  const route = path.slice(CONTROL_PREFIX.length).replace(/\?.*$/, "")
  try {
    const input = body.length ? (JSON.parse(body.toString("utf8")) as Record<string, any>) : {}
    switch (route) {
      case "counts": {
        const answer: ControlCounts = {
          counts: controls.counts(),
          total: controls.total(),
          injected: controls.injected(),
        }
        return { status: 200, body: JSON.stringify(answer) }
      }
      case "reset-counts":
        controls.resetCounts()
        break
      case "delay":
        controls.setDelay(Number(input.ms))
        break
      case "index-lag":
        controls.setIndexLag(Number(input.ms), input.keyNames ?? undefined)
        break
      case "faults":
        controls.setFaults(input)
        break
      case "clear-faults":
        controls.clearFaults()
        break
      default:
        return { status: 404, body: JSON.stringify({ message: `unknown control route ${route}` }) }
    }
    return { status: 200, body: "{}" }
  } catch (error) {
    return { status: 400, body: JSON.stringify({ message: (error as Error).message }) }
  }
}
