import "@fontsource-variable/literata";
import "@fontsource-variable/literata/wght-italic.css";
import "@fontsource-variable/inter";
import "./styles/index.css";

import { api, on } from "./api";
import { App } from "./app";
import { guardNavigation } from "./ui/links";
import { installTooltips } from "./ui/tooltip";

guardNavigation(document);
installTooltips(document);

const root = document.getElementById("app");
if (root) {
  void new App(root, api, on).start();
}
