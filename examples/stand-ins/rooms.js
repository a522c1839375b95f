// Stand-in for a location-based widget: it would read the visitor's precise
// position (sensitive personal information) and list meeting rooms nearby.
// Here it only marks that it ran, and fills its slot.
(function () {
  (window.__ran = window.__ran || []).push('rooms.js');
  var slots = document.querySelectorAll('[data-nearby]');
  for (var i = 0; i < slots.length; i++) slots[i].textContent = 'Nearby: 3 rooms within 500 m (served by nearby)';
})();
