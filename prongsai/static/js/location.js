// Fills the hidden latitude/longitude fields of a form from the phone's GPS.
// Without JavaScript or GPS the form still works: village and place are typed.
(function () {
  "use strict";
  document.querySelectorAll("[data-location]").forEach(function (box) {
    var form = box.closest("form");
    var button = box.querySelector("[data-location-button]");
    var status = box.querySelector("[data-location-status]");
    var lat = form.querySelector("[name=latitude]");
    var lon = form.querySelector("[name=longitude]");
    if (!navigator.geolocation || !lat || !lon) return;
    button.hidden = false;
    function show() {
      if (lat.value && lon.value) status.textContent = "📍 " + lat.value + ", " + lon.value;
    }
    show();
    button.addEventListener("click", function () {
      status.textContent = button.dataset.waiting || "…";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          lat.value = position.coords.latitude.toFixed(6);
          lon.value = position.coords.longitude.toFixed(6);
          show();
        },
        function () {
          status.textContent = button.dataset.failed || "";
        },
        { enableHighAccuracy: true, timeout: 15000 }
      );
    });
  });
})();
