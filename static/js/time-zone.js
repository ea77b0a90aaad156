// Times are shown in the viewer's time zone: a member's own setting, else the browser's, which this
// tells the server in the `tz` cookie (threadly.time_zones checks the name against its list). Zone
// names hold only letters, digits and / _ + -, all allowed in a cookie as they are.
(function () {
  "use strict";

  let zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone || !/^[A-Za-z0-9/_+-]{1,64}$/.test(zone)) return;
  if (document.cookie.split("; ").includes(`tz=${zone}`)) return;
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `tz=${zone}; path=/; max-age=31536000; samesite=lax${secure}`;
})();
