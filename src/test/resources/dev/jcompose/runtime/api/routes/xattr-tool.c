/* xattr set <path> <name> <hex> | get <path> <name> : prints the value as hex */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/xattr.h>
int main(int argc, char **argv) {
  unsigned char buf[4096];
  if (argc == 5 && strcmp(argv[1], "set") == 0) {
    size_t n = strlen(argv[4]) / 2;
    for (size_t i = 0; i < n; i++) { unsigned int b; sscanf(argv[4] + 2 * i, "%2x", &b); buf[i] = b; }
    if (lsetxattr(argv[2], argv[3], buf, n, 0) != 0) { perror("lsetxattr"); return 1; }
    return 0;
  }
  if (argc == 4 && strcmp(argv[1], "get") == 0) {
    ssize_t n = lgetxattr(argv[2], argv[3], buf, sizeof buf);
    if (n < 0) { perror("lgetxattr"); return 1; }
    for (ssize_t i = 0; i < n; i++) printf("%02x", buf[i]);
    printf("\n");
    return 0;
  }
  fprintf(stderr, "usage\n");
  return 2;
}
