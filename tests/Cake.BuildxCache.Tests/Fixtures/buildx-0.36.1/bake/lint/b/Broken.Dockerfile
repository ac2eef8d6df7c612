FROM scratch AS base
COPY x /x
FOO bar
