import { render } from "preact";
import { App } from "./app/App";
import { AppStore } from "./app/appStore";
import { api, inDesktopShell } from "./ipc/api";
import "./styles.css";

async function boot() {
  // Outside the desktop shell there is no backend: serve the in-memory mock
  // (a separate chunk, never loaded by the real app).
  if (!inDesktopShell()) {
    const { installDevMock } = await import("./ipc/devMock");
    await installDevMock(new URLSearchParams(location.search));
  }
  const app = new AppStore(api);
  render(<App app={app} />, document.getElementById("app")!);
}

void boot();
