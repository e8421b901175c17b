#!/usr/bin/env escript
%% -*- erlang -*-
%%! +P 1048576
%% The Erlang/OTP peer of `make bench`: the same workloads with Erlang
%% processes. Prints "key value" lines.
%%
%%	escript peer.erl SECS SPAWNS IDLE
-mode(compile).

main([Secs0, N0, Idle0]) ->
    Secs = number(Secs0),
    N = list_to_integer(N0),
    Idle = list_to_integer(Idle0),
    idle(Idle),
    {P50, P99} = spawn_latency(N),
    out("spawn_p50_ms", P50 / 1000),
    out("spawn_p99_ms", P99 / 1000),
    out("rate_1", rate(Secs, 1)),
    out("rate_2", rate(Secs, 2)),
    out("msgs_16", throughput(Secs, 16)),
    out("msgs_4096", throughput(Secs, 4096)),
    {PP50, PP99} = pingpong(Secs),
    out("pp_p50_us", PP50),
    out("pp_p99_us", PP99).

number(S) ->
    case string:to_float(S) of
        {F, []} -> F;
        _ -> list_to_integer(S)
    end.

out(K, V) when is_integer(V) -> io:format("~s ~b~n", [K, V]);
out(K, V) -> io:format("~s ~.4f~n", [K, V]).

now_us() -> erlang:monotonic_time(nanosecond) / 1000.

pct(L, P) ->
    S = lists:sort(L),
    I = max(1, ceil(P * length(S))),
    lists:nth(I, S).

spawn_one() ->
    {Pid, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, process, Pid, normal} -> ok end.

spawn_latency(N) ->
    L = [begin T0 = now_us(), spawn_one(), now_us() - T0 end
         || _ <- lists:seq(1, N)],
    {pct(L, 0.5), pct(L, 0.99)}.

spawn_loop(End, Count) ->
    case now_us() < End of
        true -> spawn_one(), spawn_loop(End, Count + 1);
        false -> Count
    end.

rate(Secs, C) ->
    Self = self(),
    T0 = now_us(),
    End = T0 + Secs * 1000000,
    [spawn(fun() -> Self ! {count, spawn_loop(End, 0)} end)
     || _ <- lists:seq(1, C)],
    Total = lists:sum([receive {count, K} -> K end || _ <- lists:seq(1, C)]),
    Total / ((now_us() - T0) / 1000000).

counter(N) ->
    receive
        {m, _} -> counter(N + 1);
        {stop, From} -> From ! {count, N}
    end.

send_loop(Pid, Msg, End) ->
    case now_us() < End of
        true ->
            send_n(Pid, Msg, 500),
            send_loop(Pid, Msg, End);
        false -> ok
    end.

send_n(_, _, 0) -> ok;
send_n(Pid, Msg, K) -> Pid ! Msg, send_n(Pid, Msg, K - 1).

throughput(Secs, Size) ->
    Pid = spawn(fun() -> counter(0) end),
    Msg = {m, binary:copy(<<"x">>, Size)},
    T0 = now_us(),
    send_loop(Pid, Msg, T0 + Secs * 1000000),
    Pid ! {stop, self()},
    receive {count, N} -> N / ((now_us() - T0) / 1000000) end.

ponger() ->
    receive
        {ping, From, V} -> From ! {pong, V}, ponger();
        stop -> ok
    end.

ping_loop(Pid, End, Acc) ->
    T1 = now_us(),
    case T1 < End of
        true ->
            Pid ! {ping, self(), <<"0123456789abcdef">>},
            receive {pong, _} -> ok end,
            ping_loop(Pid, End, [now_us() - T1 | Acc]);
        false -> Acc
    end.

pingpong(Secs) ->
    Pid = spawn(fun ponger/0),
    L = ping_loop(Pid, now_us() + Secs * 1000000, []),
    Pid ! stop,
    {pct(L, 0.5), pct(L, 0.99)}.

pss_kib() ->
    {ok, B} = file:read_file("/proc/self/smaps_rollup"),
    field(B, "Pss:").

rss_kib() ->
    {ok, B} = file:read_file("/proc/self/status"),
    field(B, "VmRSS:").

field(B, Key) ->
    [Line | _] = [L || L <- string:split(binary_to_list(B), "\n", all),
                       lists:prefix(Key, L)],
    [_, V | _] = string:lexemes(Line, " \t"),
    list_to_integer(V).

idle(N) ->
    Self = self(),
    erlang:garbage_collect(),
    Before = pss_kib(),
    T0 = now_us(),
    Pids = [spawn(fun() -> Self ! up, receive stop -> ok end end)
            || _ <- lists:seq(1, N)],
    [receive up -> ok end || _ <- Pids],
    Start = (now_us() - T0) / 1000000,
    erlang:garbage_collect(),
    After = pss_kib(),
    out("idle_start_s", Start),
    out("idle_pss_kib", (After - Before) / N),
    out("idle_rss_mib", rss_kib() / 1024),
    [P ! stop || P <- Pids],
    ok.
